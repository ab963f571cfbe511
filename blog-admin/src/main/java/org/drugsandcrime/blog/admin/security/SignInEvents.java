package org.drugsandcrime.blog.admin.security;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.stereotype.Component;

/**
 * Every sign-in event, as one {@code key=value} log line and one audit-log row. Never the password, the code,
 * or what was typed as the email of an account that does not exist (often a password typed in the wrong box):
 * such attempts name no account and have no staff actor.
 */
@Component
class SignInEvents {

	/** Who the audit log names for an attempt at an account that does not exist. */
	static final String NO_ACCOUNT = "(no such account)";

	private static final Logger logger = LoggerFactory.getLogger(SignInEvents.class);

	private final AuditLog audit;

	SignInEvents(AuditLog audit) {
		this.audit = audit;
	}

	Mono<Void> signedIn(StaffUser user, String client) {
		return record(Event.SIGNED_IN, user, client, null, null);
	}

	Mono<Void> recoveryCodeUsed(StaffUser user, String client) {
		return record(Event.RECOVERY_CODE_USED, user, client, null, null);
	}

	/** {@code user} is null when no account has the address typed. */
	Mono<Void> failed(StaffUser user, String client, Reason reason) {
		return record(reason == Reason.WRONG_CODE ? Event.CODE_WRONG : Event.FAILED, user, client, reason, null);
	}

	Mono<Void> throttled(StaffUser user, String client, Duration wait) {
		return record(Event.THROTTLED, user, client, null, wait);
	}

	private Mono<Void> record(Event event, StaffUser user, String client, Reason reason, Duration wait) {
		StringBuilder detail = new StringBuilder();
		if (reason != null) {
			detail.append("reason=").append(reason.label).append(' ');
		}
		if (wait != null) {
			detail.append("wait=").append(Math.max(1, wait.toSeconds())).append("s ");
		}
		detail.append("client=").append(client);
		String account = user == null ? "-" : user.email();
		String line = "sign-in event={} account={} user_id={} {}";
		Object[] values = { event.label, account, user == null ? "-" : user.id(), detail };
		if (event == Event.SIGNED_IN) {
			logger.info(line, values);
		}
		else {
			logger.warn(line, values);
		}
		return audit.record(user == null ? null : user.id(), user == null ? NO_ACCOUNT : user.email(), event.action, "user",
				user == null ? null : user.id(), detail.toString())
			.then()
			// A sign-in never fails for want of its audit row; the log line above still tells.
			.onErrorResume(ex -> {
				logger.error("sign-in event={} audit=failed error={}", event.label, ex.toString());
				return Mono.empty();
			});
	}

	enum Event {

		SIGNED_IN("signed-in", "sign-in"),
		FAILED("failed", "sign-in.failed"),
		CODE_WRONG("code-wrong", "sign-in.code-wrong"),
		RECOVERY_CODE_USED("recovery-code-used", "sign-in.recovery-code-used"),
		THROTTLED("throttled", "sign-in.throttled");

		final String label;

		final String action;

		Event(String label, String action) {
			this.label = label;
			this.action = action;
		}
	}

	enum Reason {

		UNKNOWN_ACCOUNT("unknown-account"),
		NO_PASSWORD("no-password"),
		DISABLED("disabled"),
		WRONG_PASSWORD("wrong-password"),
		WRONG_CODE("wrong-code"),
		/** A wrong current password given to change it at {@code /account}. */
		WRONG_CURRENT_PASSWORD("wrong-current-password");

		final String label;

		Reason(String label) {
			this.label = label;
		}
	}
}
