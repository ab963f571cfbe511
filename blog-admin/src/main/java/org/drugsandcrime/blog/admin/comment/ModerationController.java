package org.drugsandcrime.blog.admin.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.ModerationQueue;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** The moderation queue: approve, spam, trash, one at a time or ticked in bulk, and staff replies. */
@Controller
class ModerationController {

	static final int PAGE_SIZE = 50;

	static final int MAX_BULK = 500;

	private final ModerationQueue queue;

	private final Audit audit;

	ModerationController(ModerationQueue queue, Audit audit) {
		this.queue = queue;
		this.audit = audit;
	}

	@GetMapping("/comments")
	Mono<String> queue(Staff staff, @RequestParam(defaultValue = "pending") String status,
			@RequestParam(defaultValue = "1") int page, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return page(status(status), page, model, Notice.after(exchange, CommentsOutcome.class));
	}

	private Mono<String> page(CommentStatus shown, int page, Model model, Notice notice) {
		int current = Math.max(1, Math.min(page, 100_000));
		return Mono.zip(queue.list(shown, current, PAGE_SIZE), queue.counts()).map(parts -> {
			model.addAttribute("queue", new QueueView(shown.name().toLowerCase(Locale.ROOT), parts.getT1().rows(), current,
					parts.getT1().hasNext(), counts(parts.getT2())));
			model.addAttribute(Notice.ATTRIBUTE, notice);
			return "comments";
		});
	}

	/** A reply or an edit that could not be saved: the queue again, saying why, with nothing changed. */
	private Mono<String> refused(String from, Model model, ServerWebExchange exchange, InvalidPostException ex) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		return page(status(from), 1, model, Notice.error(ex.getMessage()));
	}

	/** One comment or many: {@code ids} are the ticked boxes, {@code action} approve, spam, trash or pending. */
	@PostMapping("/comments/moderate")
	Mono<String> moderate(Staff staff, ServerWebExchange exchange) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			CommentStatus target = action(form.getFirst("action"));
			List<Long> ids = ids(form);
			String back = "/comments?status=" + status(form.getFirst("from")).name().toLowerCase(Locale.ROOT);
			return queue.moderate(ids, target)
				.concatMap(id -> audit.record(staff, "comment." + verb(target), "comment", id, "").thenReturn(id))
				.count()
				.map(done -> CommentsOutcome.MODERATED.redirectTo(back, done));
		});
	}

	@PostMapping("/comments/{id}/reply")
	Mono<String> reply(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> queue
			.reply(id, staff.id(), staff.displayName(), staff.email(), form.getFirst("body"))
			.flatMap(reply -> audit.record(staff, "comment.reply", "comment", reply.id(), "reply to " + id)
				.thenReturn(CommentsOutcome.REPLIED.redirectTo("/comments?status=approved")))
			.onErrorResume(InvalidPostException.class, ex -> refused(form.getFirst("from"), model, exchange, ex)));
	}

	@PostMapping("/comments/{id}/edit")
	Mono<String> edit(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			String back = "/comments?status=" + status(form.getFirst("from")).name().toLowerCase(Locale.ROOT);
			return queue.edit(id, form.getFirst("body"))
				.flatMap(postId -> audit.record(staff, "comment.edit", "comment", id, ""))
				.thenReturn(CommentsOutcome.EDITED.redirectTo(back))
				.onErrorResume(InvalidPostException.class, ex -> refused(form.getFirst("from"), model, exchange, ex));
		});
	}

	private static CommentStatus status(String name) {
		try {
			return CommentStatus.valueOf((name == null ? "pending" : name).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return CommentStatus.PENDING;
		}
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

	private static List<StatusCount> counts(Map<CommentStatus, Long> counts) {
		List<StatusCount> list = new ArrayList<>();
		for (CommentStatus status : CommentStatus.values()) {
			list.add(new StatusCount(status.name().toLowerCase(Locale.ROOT), counts.getOrDefault(status, 0L)));
		}
		return list;
	}

	record StatusCount(String status, long count) {
	}

	record QueueView(String status, List<ModerationQueue.Queued> rows, int page, boolean hasNext, List<StatusCount> counts) {
	}
}
