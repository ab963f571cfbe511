package org.drugsandcrime.blog.admin.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.mail.MailStatus;
import org.drugsandcrime.blog.core.mail.Outbox;
import org.drugsandcrime.blog.core.mail.OutboxReport;
import org.drugsandcrime.blog.core.mail.OutboxReport.BatchReport;
import org.drugsandcrime.blog.core.mail.OutboxReport.Mailing;
import org.drugsandcrime.blog.core.mail.OutboxReport.Problem;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.subscription.Subscriptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/** Mail: subscribers by state, the outbox by mailing and batch, every failure with its reason, and resending. */
@Controller
class OutboxController {

	static final int MAILINGS = 20;

	static final int BATCHES = 20;

	static final int PROBLEMS = 100;

	static final int MAX_RESEND = 500;

	private final OutboxReport report;

	private final Outbox outbox;

	private final Subscriptions subscriptions;

	private final Audit audit;

	OutboxController(OutboxReport report, Outbox outbox, Subscriptions subscriptions, Audit audit) {
		this.report = report;
		this.outbox = outbox;
		this.subscriptions = subscriptions;
		this.audit = audit;
	}

	@GetMapping("/outbox")
	Mono<String> outbox(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return Mono.zip(subscriptions.counts(), report.counts(), report.mailings(MAILINGS), report.batches(BATCHES),
				report.problems(PROBLEMS))
			.map(parts -> {
				model.addAttribute("mail", new MailView(report.smtpServer(), parts.getT1(), parts.getT2(), parts.getT3(),
						parts.getT4(), parts.getT5()));
				model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, OutboxOutcome.class));
				return "outbox";
			});
	}

	/** Resends the ticked failed mails, or all of them with {@code all}. */
	@PostMapping("/outbox/resend")
	Mono<String> resend(Staff staff, ServerWebExchange exchange) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			Mono<Long> resent = form.containsKey("all") ? outbox.resendAllFailed() : outbox.resend(ids(form));
			return resent.flatMap(n -> audit.record(staff, "mail.resend", "mail", null, n + " failed mails queued again")
				.thenReturn(OutboxOutcome.RESENT.redirectTo("/outbox", n)));
		});
	}

	private static List<Long> ids(MultiValueMap<String, String> form) {
		List<Long> ids = new ArrayList<>();
		for (String value : form.getOrDefault("ids", List.of())) {
			if (ids.size() >= MAX_RESEND) {
				break;
			}
			try {
				ids.add(Long.parseLong(value.strip()));
			}
			catch (NumberFormatException ex) {
				// Not an id we showed; nothing to resend for it.
			}
		}
		return ids;
	}

	record MailView(String smtpServer, Map<SubscriberStatus, Long> subscribers, Map<MailStatus, Long> outbox,
			List<Mailing> mailings, List<BatchReport> batches, List<Problem> problems) {

		public boolean hasFailures() {
			return outbox.get(MailStatus.FAILED) > 0;
		}
	}
}
