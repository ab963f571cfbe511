package org.drugsandcrime.blog.admin.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.PublicSite;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * A member of staff's own account: the public profile shown with their posts, their password, and two-factor
 * sign-in (turning it on, replacing it, new recovery codes, turning it off: {@link TwoFactorEnrolment}).
 */
@Controller
class AccountController {

	private final StaffUserRepository users;

	private final StaffAccounts accounts;

	private final TwoFactorEnrolment twoFactor;

	private final Audit audit;

	private final LoginThrottle throttle;

	private final SignInEvents events;

	private final PublicSite site;

	AccountController(StaffUserRepository users, StaffAccounts accounts, TwoFactorEnrolment twoFactor, Audit audit,
			LoginThrottle throttle, SignInEvents events, PublicSite site) {
		this.users = users;
		this.accounts = accounts;
		this.twoFactor = twoFactor;
		this.audit = audit;
		this.throttle = throttle;
		this.events = events;
		this.site = site;
	}

	@GetMapping("/account")
	Mono<String> account(Staff staff, ServerWebExchange exchange, Model model) {
		return page(staff, exchange, model, null, Notice.after(exchange, AccountOutcome.class));
	}

	/** Editors and admins choose whether a comment waiting for moderation mails them; authors moderate nothing. */
	@PostMapping("/account/comment-mail")
	Mono<String> commentMail(Staff staff, ServerWebExchange exchange) {
		staff.requireEditor();
		return exchange.getFormData().flatMap(form -> {
			boolean wanted = "on".equals(form.getFirst("wanted"));
			return accounts.mailWhenCommentsWait(staff.id(), wanted)
				.then(audit.record(staff, wanted ? "user.comment-mail-on" : "user.comment-mail-off", "user", staff.id(), ""))
				.thenReturn((wanted ? AccountOutcome.COMMENT_MAIL_ON : AccountOutcome.COMMENT_MAIL_OFF)
					.redirectTo("/account"));
		});
	}

	@PostMapping("/account/profile")
	Mono<String> profile(Staff staff, @ModelAttribute ProfileForm form, ServerWebExchange exchange, Model model) {
		return Mono.defer(() -> accounts.updateProfile(staff.id(), form.displayName(), form.bio(), form.twitterHandle()))
			.flatMap(saved -> audit.record(staff, "user.profile", "user", staff.id(), saved.displayName()))
			.thenReturn(AccountOutcome.PROFILE_SAVED.redirectTo("/account"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, exchange, model, form, Notice.error(ex.getMessage()));
			});
	}

	@PostMapping("/account/password")
	Mono<String> password(Staff staff, @ModelAttribute PasswordForm form, ServerWebExchange exchange, Model model) {
		if (form.password() == null || !form.password().equals(form.repeat())) {
			exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
			return page(staff, exchange, model, null, Notice.error("The new password and its repetition differ."));
		}
		// Guesses at the current password count as failed sign-ins: a borrowed session cannot try many.
		String client = ClientAddress.of(exchange);
		return users.findById(staff.id()).flatMap(user -> throttle.reserve(staff.email(), client).flatMap(reservation -> {
			if (!reservation.isAllowed()) {
				exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
				return events.throttled(user, client, reservation.delay()).then(page(staff, exchange, model, null,
						Notice.error("Too many wrong passwords: wait a minute and try again.")));
			}
			return changePassword(staff, user, form, client, reservation, exchange, model);
		}));
	}

	private Mono<String> changePassword(Staff staff, StaffUser user, PasswordForm form, String client,
			LoginThrottle.Reservation reservation, ServerWebExchange exchange, Model model) {
		return Mono.defer(() -> accounts.changePassword(staff.id(), form.current(), form.password()))
			// A wrong current password keeps its booking (it counts); a refused new one was no guess and gives it back.
			.onErrorResume(InvalidPostException.class, ex -> (ex instanceof StaffAccounts.WrongPasswordException
					? events.failed(user, client, SignInEvents.Reason.WRONG_CURRENT_PASSWORD) : throttle.release(reservation))
				.then(Mono.error(ex)))
			.flatMap(saved -> throttle.succeeded(reservation).thenReturn(saved))
			// This session stays signed in; every other one of the account ends at its next request.
			.flatMap(saved -> exchange.getSession().doOnNext(session -> PasswordStamp.keep(session, saved)))
			.then(audit.record(staff, "user.password", "user", staff.id(), ""))
			.thenReturn(AccountOutcome.PASSWORD_CHANGED.redirectTo("/account"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, exchange, model, null, Notice.error(ex.getMessage()));
			});
	}

	/** The screen, with what was typed into the profile form when it comes back with a mistake. */
	private Mono<String> page(Staff staff, ServerWebExchange exchange, Model model, ProfileForm typed, Notice notice) {
		return page(staff, exchange, model, typed, notice, null);
	}

	/** ... and with recovery codes made by this request, shown this once. */
	private Mono<String> page(Staff staff, ServerWebExchange exchange, Model model, ProfileForm typed, Notice notice,
			List<String> newRecoveryCodes) {
		return Mono.zip(users.findById(staff.id()), exchange.getSession(), accounts.mailsWhenCommentsWait(staff.id()))
			.flatMap(parts -> twoFactor.view(staff, parts.getT1(), parts.getT2(), newRecoveryCodes).map(factor -> {
				var user = parts.getT1();
				ProfileForm profile = typed != null ? typed
						: new ProfileForm(user.displayName(), user.bio(), user.twitterHandle() == null ? "" : "@" + user.twitterHandle());
				model.addAttribute("account", new AccountView(staff.email(), staff.role().name(), profile,
						site.url("/author/" + user.slug()), staff.isEditor(), staff.isEditor() && parts.getT3()));
				model.addAttribute("twoFactor", factor);
				model.addAttribute(Notice.ATTRIBUTE, notice);
				return "account";
			}));
	}

	/** Confirms the new key with a code from the app; the answer shows the new recovery codes, once. */
	@PostMapping("/account/two-factor")
	Mono<String> enable(Staff staff, @ModelAttribute CodeForm form, ServerWebExchange exchange, Model model) {
		return exchange.getSession()
			.flatMap(session -> users.findById(staff.id()).flatMap(before -> twoFactor.enrol(staff, session, form.code())
				.flatMap(fresh -> audit.record(staff, before.totpSecret() == null ? "user.two-factor-on" : "user.two-factor-replaced",
						"user", staff.id(), "")
					.then(page(staff, exchange, model, null, (before.totpSecret() == null ? AccountOutcome.TWO_FACTOR_ON
							: AccountOutcome.TWO_FACTOR_REPLACED).notice(0), fresh)))))
			.onErrorResume(TwoFactorEnrolment.Refused.class, ex -> refused(staff, exchange, model, ex));
	}

	/** Password and a current code, then the page shows a new key to confirm in place of the old one. */
	@PostMapping("/account/two-factor/replace")
	Mono<String> replace(Staff staff, @ModelAttribute ConfirmForm form, ServerWebExchange exchange, Model model) {
		return exchange.getSession()
			.flatMap(session -> twoFactor.startReplacing(staff, session, form.password(), form.code(), ClientAddress.of(exchange)))
			.then(Mono.defer(() -> page(staff, exchange, model, null, AccountOutcome.TWO_FACTOR_REPLACING.notice(0))))
			.onErrorResume(TwoFactorEnrolment.Refused.class, ex -> refused(staff, exchange, model, ex));
	}

	@PostMapping("/account/recovery-codes")
	Mono<String> recoveryCodes(Staff staff, @ModelAttribute ConfirmForm form, ServerWebExchange exchange, Model model) {
		return twoFactor.newRecoveryCodes(staff, form.password(), form.code(), ClientAddress.of(exchange))
			.flatMap(fresh -> audit.record(staff, "user.recovery-codes", "user", staff.id(), "")
				.then(page(staff, exchange, model, null, AccountOutcome.RECOVERY_CODES_NEW.notice(0), fresh)))
			.onErrorResume(TwoFactorEnrolment.Refused.class, ex -> refused(staff, exchange, model, ex));
	}

	@PostMapping("/account/two-factor/off")
	Mono<String> disable(Staff staff, @ModelAttribute ConfirmForm form, ServerWebExchange exchange, Model model) {
		return twoFactor.turnOff(staff, form.password(), form.code(), ClientAddress.of(exchange))
			.then(audit.record(staff, "user.two-factor-off", "user", staff.id(), ""))
			.thenReturn(AccountOutcome.TWO_FACTOR_OFF.redirectTo("/account"))
			.onErrorResume(TwoFactorEnrolment.Refused.class, ex -> refused(staff, exchange, model, ex));
	}

	private Mono<String> refused(Staff staff, ServerWebExchange exchange, Model model, TwoFactorEnrolment.Refused refused) {
		exchange.getResponse().setStatusCode(refused.status());
		return page(staff, exchange, model, null, Notice.error(refused.getMessage()));
	}

	record CodeForm(String code) {
	}

	record ProfileForm(String displayName, String bio, String twitterHandle) {
	}

	record PasswordForm(String current, String password, String repeat) {
	}

	/** What changing two-factor sign-in asks for: the password and a current code (or a recovery code). */
	record ConfirmForm(String password, String code) {
	}

	record AccountView(String email, String role, ProfileForm profile, String authorUrl, boolean moderates,
			boolean commentMail) {
	}
}
