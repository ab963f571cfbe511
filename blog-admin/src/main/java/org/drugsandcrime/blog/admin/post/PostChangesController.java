package org.drugsandcrime.blog.admin.post;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.PostAddresses;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostReview;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * An author's edit of a live post, waiting for review ({@code /posts/{id}/changes}): the post as readers see it beside
 * the change, field by field and the body line by line. Editors approve (the change is saved as their edit and goes
 * live) or reject it; the author sees it and may withdraw it. Nothing waiting is a 404.
 */
@Controller
class PostChangesController {

	private final PostRepository posts;

	private final PostReview review;

	private final Audit audit;

	PostChangesController(PostRepository posts, PostReview review, Audit audit) {
		this.posts = posts;
		this.review = review;
		this.audit = audit;
	}

	@GetMapping("/posts/{id}/changes")
	Mono<String> compare(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		return visible(staff, id).flatMap(post -> Mono.zip(review.pendingChange(id)
			.switchIfEmpty(Mono.error(new PostNotFoundException("pending change of post " + id))),
				posts.categoryNamesOf(id).collectList(), posts.tagNamesOf(id).collectList(),
				posts.seriesNameOf(id).defaultIfEmpty(""))
			.map(parts -> {
				model.addAttribute("changes", ChangesView.of(post, parts.getT2(), parts.getT3(), parts.getT4(), parts.getT1(),
						staff.isEditor(), post.getAuthorId() == staff.id()));
				model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, EditorOutcome.class));
				return "post-changes";
			}));
	}

	@PostMapping("/posts/{id}/changes/approve")
	Mono<String> approve(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return posts.findById(id)
			.switchIfEmpty(Mono.error(new PostNotFoundException(id)))
			.flatMap(post -> review.approve(id, staff.id()))
			.flatMap(saved -> audit.record(staff, "post.change-approve", "post", id, saved.getTitle()))
			.thenReturn(EditorOutcome.CHANGE_APPROVED.redirectTo(PostAddresses.editor(id)))
			// The change breaks a rule that came after it (a name too long since a setting changed): say which.
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return compare(staff, id, exchange, model).doOnNext(view -> model.addAttribute(Notice.ATTRIBUTE,
						Notice.error(ex.getMessage() + " Reject it, or ask the author to change it.")));
			});
	}

	/** An editor's rejection, or the author withdrawing their own change. */
	@PostMapping("/posts/{id}/changes/reject")
	Mono<String> reject(Staff staff, @PathVariable long id) {
		return visible(staff, id).flatMap(post -> review.reject(id)
			.flatMap(rejected -> rejected ? Mono.just(post) : Mono.error(new PostNotFoundException("pending change of post " + id))))
			.flatMap(post -> staff.isEditor()
					? audit.record(staff, "post.change-reject", "post", id, post.getTitle())
						.thenReturn(EditorOutcome.CHANGE_REJECTED.redirectTo(PostAddresses.editor(id)))
					: audit.record(staff, "post.change-withdraw", "post", id, post.getTitle())
						.thenReturn(EditorOutcome.CHANGE_WITHDRAWN.redirectTo(PostAddresses.editor(id))));
	}

	/** Editors see every post's waiting change; an author the changes of their own posts. */
	private Mono<Post> visible(Staff staff, long id) {
		return posts.findById(id).switchIfEmpty(Mono.error(new PostNotFoundException(id))).map(post -> {
			staff.require(staff.mayEditPostBy(post.getAuthorId()));
			return post;
		});
	}
}
