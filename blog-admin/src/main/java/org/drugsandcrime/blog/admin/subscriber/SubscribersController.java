package org.drugsandcrime.blog.admin.subscriber;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.subscription.Subscriber;
import org.drugsandcrime.blog.core.subscription.SubscriberDirectory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/** Subscribers: searched a page at a time, removed on request, exported as CSV streamed row by row from the database. */
@Controller
class SubscribersController {

	static final int PAGE_SIZE = 50;

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final SubscriberDirectory directory;

	private final Audit audit;

	SubscribersController(SubscriberDirectory directory, Audit audit) {
		this.directory = directory;
		this.audit = audit;
	}

	@GetMapping("/subscribers")
	Mono<String> list(Staff staff, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
			ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		int current = Math.max(1, Math.min(page, 100_000));
		return Mono.zip(directory.search(q, current, PAGE_SIZE), directory.count()).map(parts -> {
			model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, SubscribersOutcome.class));
			model.addAttribute("subscribers", new SubscribersView(q, parts.getT1().rows(), current, parts.getT1().hasNext(),
					parts.getT2()));
			return "subscribers";
		});
	}

	@PostMapping("/subscribers/{id}/remove")
	Mono<String> remove(Staff staff, @PathVariable long id) {
		staff.requireEditor();
		return directory.remove(id)
			.flatMap(removed -> removed
				? audit.record(staff, "subscriber.remove", "subscriber", id, "").thenReturn(SubscribersOutcome.REMOVED.redirectTo("/subscribers"))
				: Mono.just(SubscribersOutcome.GONE.redirectTo("/subscribers")));
	}

	/** Rows go out as the database sends them: memory stays flat however many readers subscribed. */
	@GetMapping("/subscribers.csv")
	ResponseEntity<Flux<String>> export(Staff staff) {
		staff.requireEditor();
		Flux<String> rows = Flux.concat(Flux.just("id,email,status,subscribed_at,confirmed_at,unsubscribed_at\r\n"),
				directory.all().map(SubscribersController::csvRow));
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("subscribers.csv").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(rows);
	}

	static String csvRow(Subscriber subscriber) {
		return String.join(",", Long.toString(subscriber.id()), csv(subscriber.email()), subscriber.status().name(),
				csv(subscriber.createdAt()), csv(subscriber.confirmedAt()), csv(subscriber.unsubscribedAt())) + "\r\n";
	}

	/**
	 * RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula (an address can
	 * start with "=" or "+").
	 */
	static String csv(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	record SubscribersView(String q, List<Subscriber> rows, int page, boolean hasNext, long confirmed) {
	}
}
