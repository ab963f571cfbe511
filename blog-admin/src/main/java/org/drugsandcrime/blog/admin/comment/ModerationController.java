package org.drugsandcrime.blog.admin.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;
import org.drugsandcrime.blog.admin.layout.PostAddresses;
import org.drugsandcrime.blog.admin.layout.PublicSite;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.ModerationQueue;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The moderation queue: a tab per status, approve, spam, trash, one at a time or ticked in bulk, staff replies
 * and edits. Every action comes back to where it was done (the same tab, post and page, scrolled to the comment
 * or, when it left the tab, to the one after it), so working down the queue never means finding one's place again.
 */
@Controller
class ModerationController {

	static final int PAGE_SIZE = 50;

	static final int MAX_BULK = 500;

	private static final int MAX_PAGE = 100_000;

	private final ModerationQueue queue;

	private final Audit audit;

	private final PublicSite site;

	ModerationController(ModerationQueue queue, Audit audit, PublicSite site) {
		this.queue = queue;
		this.audit = audit;
		this.site = site;
	}

	@GetMapping("/comments")
	Mono<String> queue(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return page(Place.of(exchange.getRequest().getQueryParams()), Notice.after(exchange, ModerationOutcome.class), model);
	}

	/** One comment or many: {@code ids} are the ticked boxes, {@code action} approve, spam, trash or pending. */
	@PostMapping("/comments/moderate")
	Mono<String> moderate(Staff staff, ServerWebExchange exchange) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			CommentStatus target = action(form.getFirst("action"));
			List<Long> ids = ids(form);
			Place place = Place.of(form);
			if (ids.isEmpty()) {
				return Mono.just("redirect:" + place.location(ModerationOutcome.NOTHING_TICKED, 0, null));
			}
			return queue.moderate(ids, target)
				.concatMap(id -> audit.record(staff, "comment." + verb(target), "comment", id, "").thenReturn(id))
				.count()
				.map(done -> {
					// One comment: back to it if it is still on this tab, else to its neighbour. Many: the top.
					Long anchor = ids.size() != 1 ? null : target == place.status() ? ids.get(0) : place.near();
					return "redirect:" + place.location(ModerationOutcome.after(target), done, anchor);
				});
		});
	}

	@PostMapping("/comments/{id}/reply")
	Mono<String> reply(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			Place place = Place.of(form);
			// Replying approves a pending comment, which then leaves the pending tab; on any other tab it stays.
			Long anchor = place.status() == CommentStatus.PENDING ? place.near() : Long.valueOf(id);
			return queue.reply(id, staff.id(), staff.displayName(), staff.email(), form.getFirst("body"))
				.flatMap(reply -> audit.record(staff, "comment.reply", "comment", reply.id(), "reply to " + id))
				.thenReturn("redirect:" + place.location(ModerationOutcome.REPLIED, 1, anchor))
				.onErrorResume(InvalidPostException.class, ex -> refused(place, ex, exchange, model));
		});
	}

	@PostMapping("/comments/{id}/edit")
	Mono<String> edit(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			Place place = Place.of(form);
			return queue.edit(id, form.getFirst("body"))
				.flatMap(postId -> audit.record(staff, "comment.edit", "comment", id, ""))
				.thenReturn("redirect:" + place.location(ModerationOutcome.EDITED, 1, id))
				.onErrorResume(InvalidPostException.class, ex -> refused(place, ex, exchange, model));
		});
	}

	/** A reply or edit that was refused: the same screen, saying why, and nothing changed. */
	private Mono<String> refused(Place place, InvalidPostException ex, ServerWebExchange exchange, Model model) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		return page(place, Notice.error(ex.getMessage()), model);
	}

	private Mono<String> page(Place asked, Notice notice, Model model) {
		Mono<String> title = asked.post() == null ? Mono.just("")
				: queue.postTitle(asked.post()).switchIfEmpty(Mono.error(new PostNotFoundException(asked.post())));
		return Mono.zip(queue.counts(asked.post()), title).flatMap(found -> {
			Map<CommentStatus, Long> counts = found.getT1();
			// A page that emptied (its last comments were moderated) shows the last page that still has some.
			long shown = counts.getOrDefault(asked.status(), 0L);
			int last = (int) Math.max(1, Math.min(MAX_PAGE, (shown + PAGE_SIZE - 1) / PAGE_SIZE));
			Place place = asked.onPage(Math.min(asked.page(), last));
			return queue.list(place.status(), place.post(), place.page(), PAGE_SIZE).map(listing -> {
				model.addAttribute("queue", view(place, found.getT2(), counts, listing));
				model.addAttribute(Notice.ATTRIBUTE, notice);
				return "comments";
			});
		});
	}

	private QueueView view(Place place, String postTitle, Map<CommentStatus, Long> counts,
			ModerationQueue.Listing listing) {
		List<Tab> tabs = new ArrayList<>();
		for (CommentStatus status : CommentStatus.values()) {
			tabs.add(new Tab(label(status), place.onStatus(status).href(), counts.getOrDefault(status, 0L),
					status == place.status()));
		}
		List<ModerationQueue.Queued> rows = listing.rows();
		List<Row> shown = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			ModerationQueue.Queued comment = rows.get(i);
			// Where to land when this comment leaves the tab: the next one down, or the one above at the bottom.
			Long near = i + 1 < rows.size() ? Long.valueOf(rows.get(i + 1).id()) : i > 0 ? Long.valueOf(rows.get(i - 1).id()) : null;
			String onSite = comment.postVisible() ? site.post(comment.postSlug()) : null;
			shown.add(new Row(comment, PostAddresses.editor(comment.postId()), onSite,
					onSite != null && comment.status() == CommentStatus.APPROVED ? onSite + "#comment-" + comment.id() : null,
					place.onStatus(place.status()).onPost(comment.postId()).href(), near));
		}
		return new QueueView(place.status().name().toLowerCase(Locale.ROOT), label(place.status()), tabs, shown,
				place.page(), listing.hasNext(), place.post(), place.post() == null ? null : postTitle,
				place.onPost(null).href(), place.page() > 1 ? place.onPage(place.page() - 1).href() : null,
				listing.hasNext() ? place.onPage(place.page() + 1).href() : null);
	}

	private static String label(CommentStatus status) {
		return switch (status) {
			case PENDING -> "Pending";
			case APPROVED -> "Approved";
			case SPAM -> "Spam";
			case TRASH -> "Trash";
		};
	}

	private static CommentStatus action(String action) {
		return switch (action == null ? "" : action) {
			case "approve" -> CommentStatus.APPROVED;
			case "spam" -> CommentStatus.SPAM;
			case "trash" -> CommentStatus.TRASH;
			case "pending" -> CommentStatus.PENDING;
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose approve, spam or trash.");
		};
	}

	private static String verb(CommentStatus status) {
		return switch (status) {
			case APPROVED -> "approve";
			case SPAM -> "spam";
			case TRASH -> "trash";
			case PENDING -> "unapprove";
		};
	}

	private static List<Long> ids(MultiValueMap<String, String> form) {
		List<String> raw = form.getOrDefault("ids", List.of());
		if (raw.size() > MAX_BULK) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "At most " + MAX_BULK + " comments at a time.");
		}
		List<Long> ids = new ArrayList<>();
		for (String value : raw) {
			try {
				ids.add(Long.parseLong(value.strip()));
			}
			catch (NumberFormatException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a comment id: " + value);
			}
		}
		return ids;
	}

	/**
	 * Where in the queue staff are: a tab, perhaps one post's comments, a page, and the comment to come back to
	 * when the one acted on leaves the tab. Read from the query of a GET and from the hidden fields of every form
	 * on the screen; anything unreadable falls back to the start of the pending tab rather than failing.
	 */
	record Place(CommentStatus status, Long post, int page, Long near) {

		static Place of(MultiValueMap<String, String> values) {
			String status = values.getFirst("status") != null ? values.getFirst("status") : values.getFirst("from");
			Long page = number(values.getFirst("page"));
			return new Place(status(status), number(values.getFirst("post")),
					page == null ? 1 : (int) Math.max(1, Math.min(MAX_PAGE, page)), number(values.getFirst("near")));
		}

		private static CommentStatus status(String name) {
			try {
				return CommentStatus.valueOf((name == null ? "pending" : name.strip()).toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return CommentStatus.PENDING;
			}
		}

		private static Long number(String value) {
			try {
				return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		Place onStatus(CommentStatus other) {
			return new Place(other, post, 1, null);
		}

		Place onPost(Long other) {
			return new Place(status, other, 1, null);
		}

		Place onPage(int other) {
			return new Place(status, post, other, null);
		}

		String href() {
			return "/comments?status=" + status.name().toLowerCase(Locale.ROOT) + (post == null ? "" : "&post=" + post)
					+ (page > 1 ? "&page=" + page : "");
		}

		/** This place after {@code outcome} happened to {@code count} comments, scrolled to {@code anchor} if any. */
		String location(ModerationOutcome outcome, long count, Long anchor) {
			return outcome.location(href()) + "&" + Outcome.COUNT + "=" + count + (anchor == null ? "" : "#comment-" + anchor);
		}
	}

	record Tab(String label, String href, long count, boolean current) {
	}

	/**
	 * A comment as the screen shows it: {@code editUrl} opens its post in the editor, {@code postUrl} is the post on
	 * the site (null while readers cannot see it), {@code commentUrl} the comment there (only when approved),
	 * {@code postFilterUrl} this tab narrowed to the post's comments, {@code near} where to land if it leaves the tab.
	 */
	record Row(ModerationQueue.Queued comment, String editUrl, String postUrl, String commentUrl, String postFilterUrl,
			Long near) {
	}

	record QueueView(String status, String statusLabel, List<Tab> tabs, List<Row> rows, int page, boolean hasNext,
			Long post, String postTitle, String allPostsUrl, String newerUrl, String olderUrl) {
	}
}
