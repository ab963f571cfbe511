package org.drugsandcrime.blog.admin.subscriber;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.subscription.InvalidSubscriberFileException;
import org.drugsandcrime.blog.core.subscription.Subscriber;
import org.drugsandcrime.blog.core.subscription.SubscriberDirectory;
import org.drugsandcrime.blog.core.subscription.SubscriberImport;
import org.drugsandcrime.blog.core.subscription.SubscriberImportReport;
import org.drugsandcrime.blog.core.subscription.Subscriptions;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * Subscribers: searched a page at a time, removed on request, exported as CSV streamed row by row from the database,
 * and imported from another list's CSV (blog-core's {@link SubscriberImport}), which mails nobody; afterwards staff
 * may ask the imported ones who never confirmed, with a button of its own.
 */
@Controller
class SubscribersController {

	static final int PAGE_SIZE = 50;

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final SubscriberDirectory directory;

	private final SubscriberImport lists;

	private final Subscriptions subscriptions;

	private final Audit audit;

	SubscribersController(SubscriberDirectory directory, SubscriberImport lists, Subscriptions subscriptions, Audit audit) {
		this.directory = directory;
		this.lists = lists;
		this.subscriptions = subscriptions;
		this.audit = audit;
	}

	@GetMapping("/subscribers")
	Mono<String> list(Staff staff, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
			ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return page(q, page, model, Notice.after(exchange, SubscribersOutcome.class));
	}

	private Mono<String> page(String q, int page, Model model, Notice notice) {
		int current = Math.max(1, Math.min(page, 100_000));
		return Mono.zip(directory.search(q, current, PAGE_SIZE), directory.count(), subscriptions.importedNotYetAsked())
			.map(parts -> {
				model.addAttribute(Notice.ATTRIBUTE, notice);
				model.addAttribute("subscribers", new SubscribersView(q, parts.getT1().rows(), current,
						parts.getT1().hasNext(), parts.getT2(), parts.getT3()));
				return "subscribers";
			});
	}

	/**
	 * Imports the uploaded list and shows what became of it. A file that is not a list comes back on the subscribers
	 * page with the reason (400), and nothing of it is stored.
	 */
	@PostMapping("/subscribers/import")
	Mono<String> importList(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return exchange.getMultipartData().flatMap(parts -> {
			Part file = parts.getFirst("file");
			if (!(file instanceof FilePart upload) || upload.filename().isBlank()) {
				return Mono.error(new InvalidSubscriberFileException("Choose a CSV file of subscribers to import."));
			}
			return lists.importCsv(upload.content())
				.flatMap(report -> audit.record(staff, "subscriber.import", "subscriber", null, upload.filename() + ": "
						+ report.imported() + " imported, " + report.alreadyThere() + " already there, " + report.invalid()
						+ " invalid").thenReturn(report));
		})
			.zipWhen(report -> subscriptions.importedNotYetAsked())
			.map(both -> {
				model.addAttribute("report", ImportView.of(both.getT1(), both.getT2()));
				return "subscriber-import";
			})
			.onErrorResume(InvalidSubscriberFileException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page("", 1, model, Notice.error(ex.getMessage()));
			});
	}

	/** Queues a confirmation mail to each imported subscriber who has not confirmed and was never asked. */
	@PostMapping("/subscribers/ask-imported")
	Mono<String> askImported(Staff staff) {
		staff.requireEditor();
		return subscriptions.askImportedToConfirm()
			.flatMap(asked -> asked == 0 ? Mono.just(SubscribersOutcome.NOBODY_TO_ASK.redirectTo("/subscribers"))
					: audit.record(staff, "subscriber.ask-imported", "subscriber", null, asked + " asked to confirm")
						.thenReturn(SubscribersOutcome.ASKED.redirectTo("/subscribers", asked)));
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

	/** @param notYetAsked imported subscribers who have not confirmed and were never asked to */
	record SubscribersView(String q, List<Subscriber> rows, int page, boolean hasNext, long confirmed, long notYetAsked) {
	}

	/** What an import did, in the words of the report page. */
	record ImportView(long rows, long confirmed, long unconfirmed, long alreadyThere, long invalid,
			List<SubscriberImportReport.Rejection> rejected, boolean moreRejected, long notYetAsked) {

		static ImportView of(SubscriberImportReport report, long notYetAsked) {
			return new ImportView(report.rows(), report.confirmed(), report.unconfirmed(), report.alreadyThere(),
					report.invalid(), report.rejected(), report.invalid() > report.rejected().size(), notYetAsked);
		}
	}
}
