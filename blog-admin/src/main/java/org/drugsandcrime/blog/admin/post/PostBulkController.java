package org.drugsandcrime.blog.admin.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.publishing.ScheduledPublishing;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.PostCategories;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.post.PostReview;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.taxonomy.CategoryRepository;
import org.drugsandcrime.blog.core.trash.Trash;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The posts list's bulk actions, for editors: publish, unpublish, move to the trash, or set the category of the
 * ticked posts. Each post goes through the same services (and audit entries) as the editor's buttons; posts the
 * action does not apply to (already live, already off the site, in the trash, gone) are left alone, and the notice
 * counts the posts that changed.
 */
@Controller
class PostBulkController {

	static final int MAX_BULK = 500;

	private static final Set<String> STATES = Set.of("draft", "scheduled", "published", "review");

	private final Trash trash;

	private final PostPublishing publishing;

	private final PostReview review;

	private final PostCategories categories;

	private final CategoryRepository categoryRepository;

	private final ScheduledPublishing scheduled;

	private final Audit audit;

	PostBulkController(Trash trash, PostPublishing publishing, PostReview review, PostCategories categories,
			CategoryRepository categoryRepository, ScheduledPublishing scheduled, Audit audit) {
		this.trash = trash;
		this.publishing = publishing;
		this.review = review;
		this.categories = categories;
		this.categoryRepository = categoryRepository;
		this.scheduled = scheduled;
		this.audit = audit;
	}

	@PostMapping("/posts/bulk")
	Mono<String> bulk(Staff staff, ServerWebExchange exchange) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			String from = form.getFirst("from");
			String back = "/posts" + (from != null && STATES.contains(from) ? "?state=" + from : "");
			String action = form.getFirst("action") == null ? "" : form.getFirst("action");
			List<Long> ids = ids(form);
			if (ids.isEmpty()) {
				return Mono.just(PostsOutcome.NONE_TICKED.redirectTo(back));
			}
			Mono<Long> done = switch (action) {
				case "publish" -> each(ids, post -> post.status() != PostStatus.PUBLISHED, this.publish(staff, "on".equals(form.getFirst("email"))))
					.flatMap(count -> scheduled.announceDue().thenReturn(count));
				case "unpublish" -> each(ids, post -> post.status() != PostStatus.DRAFT,
						id -> publishing.unpublish(id).flatMap(post -> audit.record(staff, "post.unpublish", "post", id, post.getTitle()))
							.thenReturn(true));
				case "trash" -> each(ids, post -> true,
						id -> trash.trashPost(id).flatMap(moved -> moved ? audit.record(staff, "post.trash", "post", id, "").thenReturn(true)
								: Mono.just(false)));
				case "category" -> categoryRepository.findById(categoryId(form.getFirst("category")))
					.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose a category from the list.")))
					.flatMap(category -> each(ids, post -> true, id -> categories.setOnly(id, category.id())
						.flatMap(set -> set ? audit.record(staff, "post.category", "post", id, category.name()).thenReturn(true)
								: Mono.just(false))));
				default -> Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose an action for the ticked posts."));
			};
			PostsOutcome outcome = switch (action) {
				case "publish" -> PostsOutcome.PUBLISHED;
				case "unpublish" -> PostsOutcome.UNPUBLISHED;
				case "trash" -> PostsOutcome.TRASHED_MANY;
				default -> PostsOutcome.CATEGORY_SET;
			};
			return done.map(count -> outcome.redirectTo(back, count));
		});
	}

	/** Publishes as the editor's button does, with or without subscriber mail (an unticked box sends nothing: without). */
	private java.util.function.Function<Long, Mono<Boolean>> publish(Staff staff, boolean emailSubscribers) {
		return id -> publishing.publish(id, emailSubscribers)
			.flatMap(post -> review.clear(id).then(audit.record(staff, "post.publish", "post", id, post.getTitle())))
			.thenReturn(true);
	}

	/** Does {@code work} to each post outside the trash that {@code applies}, one after another; how many it changed. */
	private Mono<Long> each(List<Long> ids, java.util.function.Predicate<Trash.PostState> applies,
			java.util.function.Function<Long, Mono<Boolean>> work) {
		return Flux.fromIterable(ids)
			.concatMap(id -> trash.post(id)
				.filter(post -> !post.trashed() && applies.test(post))
				.flatMap(post -> work.apply(id)))
			.filter(Boolean::booleanValue)
			.count();
	}

	private static List<Long> ids(MultiValueMap<String, String> form) {
		List<String> raw = form.getOrDefault("ids", List.of());
		if (raw.size() > MAX_BULK) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "At most " + MAX_BULK + " posts at a time.");
		}
		List<Long> ids = new ArrayList<>();
		for (String value : raw) {
			try {
				ids.add(Long.parseLong(value.strip()));
			}
			catch (NumberFormatException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a post id: " + value);
			}
		}
		return ids.stream().distinct().toList();
	}

	private static long categoryId(String value) {
		try {
			return Long.parseLong(value == null ? "" : value.strip());
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose a category from the list.");
		}
	}
}
