package org.drugsandcrime.blog.admin.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
 * A member of staff's own account: the public profile shown with their posts, their password, and turning
 * two-factor sign-in on (a new secret, kept in the session until a code from the authenticator app proves it
 * was copied) and off.
 */
@Controller
class AccountController {

	private static final String PENDING_SECRET = "pendingTotpSecret";

	private final StaffUserRepository users;

	private final StaffAccounts accounts;

	private final TotpCodes codes;

	private final Audit audit;

	private final LoginThrottle throttle;

	private final SignInEvents events;

	private final PublicSite site;

	AccountController(StaffUserRepository users, StaffAccounts accounts, TotpCodes codes, Audit audit,
			LoginThrottle throttle, SignInEvents events, PublicSite site) {
		this.users = users;
		this.accounts = accounts;
		this.codes = codes;
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
		return Mono.zip(users.findById(staff.id()), exchange.getSession(), accounts.mailsWhenCommentsWait(staff.id())).map(parts -> {
			var user = parts.getT1();
			boolean enabled = user.totpSecret() != null;
			String secret = null;
			if (!enabled) {
				secret = parts.getT2().getAttributeOrDefault(PENDING_SECRET, codes.newSecret());
				parts.getT2().getAttributes().put(PENDING_SECRET, secret);
			}
			ProfileForm profile = typed != null ? typed
					: new ProfileForm(user.displayName(), user.bio(), user.twitterHandle() == null ? "" : "@" + user.twitterHandle());
			model.addAttribute("account", new AccountView(staff.email(), staff.role().name(), enabled, secret,
					secret == null ? null : otpauth(staff.email(), secret), profile, site.url("/author/" + user.slug()),
					staff.isEditor(), staff.isEditor() && parts.getT3()));
			model.addAttribute(Notice.ATTRIBUTE, notice);
			return "account";
		});
	}

	@PostMapping("/account/two-factor")
	Mono<String> enable(Staff staff, @ModelAttribute CodeForm form, ServerWebExchange exchange, Model model) {
		String code = form.code();
		return exchange.getSession().flatMap(session -> {
			String secret = session.getAttribute(PENDING_SECRET);
			if (secret == null || !codes.matches(secret, code)) {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, exchange, model, null,
						Notice.error("That code does not match: check the time on your phone and try the newest code."));
			}
			session.getAttributes().remove(PENDING_SECRET);
			return accounts.setTotpSecret(staff.id(), secret)
				.then(audit.record(staff, "user.two-factor-on", "user", staff.id(), ""))
				.thenReturn(AccountOutcome.TWO_FACTOR_ON.redirectTo("/account"));
		});
	}

	@PostMapping("/account/two-factor/off")
	Mono<String> disable(Staff staff) {
		return accounts.setTotpSecret(staff.id(), null)
			.then(audit.record(staff, "user.two-factor-off", "user", staff.id(), ""))
			.thenReturn(AccountOutcome.TWO_FACTOR_OFF.redirectTo("/account"));
	}

	private static String otpauth(String email, String secret) {
		String label = URLEncoder.encode("Blog admin:" + email, StandardCharsets.UTF_8).replace("+", "%20");
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Blog%20admin&algorithm=SHA1&digits=6&period=30";
	}

	record CodeForm(String code) {
	}

	record ProfileForm(String displayName, String bio, String twitterHandle) {
	}

	record PasswordForm(String current, String password, String repeat) {
	}

	record AccountView(String email, String role, boolean twoFactor, String secret, String otpauthUri,
			ProfileForm profile, String authorUrl, boolean moderates, boolean commentMail) {
	}
}
