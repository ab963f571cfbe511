package org.drugsandcrime.blog.admin.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.core.user.TwoFactorAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.WebSession;

/**
 * Turning two-factor sign-in on, replacing it, renewing the recovery codes and turning it off, for the account
 * screen. A new secret waits in the session until a code from the authenticator app proves it was copied; only then
 * is it stored, sealed, with ten new recovery codes shown once. Everything that weakens or replaces an account's
 * two-factor sign-in asks for the password and a current code (or a recovery code) first, and wrong ones count as
 * failed sign-ins: a borrowed session alone can neither turn it off nor put its own phone in place of the owner's.
 */
@Component
class TwoFactorEnrolment {

	static final String PENDING_SECRET = "pendingTotpSecret";

	static final String REPLACING_UNTIL = "twoFactorReplacingUntil";

	/** How long, after the password and a code, the session may confirm a new key in place of the old one. */
	private static final Duration REPLACING = Duration.ofMinutes(10);

	static final String NO_KEY = "Two-factor sign-in needs a key on the server (BLOG_TOTP_KEY) that is not set: "
			+ "ask whoever runs the portal.";

	private static final String MISMATCH = "That code does not match: check the time on your phone and try the newest code.";

	private static final String WRONG = "Your password or code is not right.";

	private final StaffUserRepository users;

	private final StaffAccounts accounts;

	private final TwoFactorAccounts store;

	private final TotpCodes codes;

	private final TotpSecrets secrets;

	private final RecoveryCodes recoveryCodes;

	private final SecondFactor secondFactor;

	private final LoginThrottle throttle;

	private final SignInEvents events;

	private final TwoFactorProperties properties;

	private final Clock clock;

	TwoFactorEnrolment(StaffUserRepository users, StaffAccounts accounts, TwoFactorAccounts store, TotpCodes codes,
			TotpSecrets secrets, RecoveryCodes recoveryCodes, SecondFactor secondFactor, LoginThrottle throttle,
			SignInEvents events, TwoFactorProperties properties, Clock clock) {
		this.users = users;
		this.accounts = accounts;
		this.store = store;
		this.codes = codes;
		this.secrets = secrets;
		this.recoveryCodes = recoveryCodes;
		this.secondFactor = secondFactor;
		this.throttle = throttle;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	boolean requiredForAdmins() {
		return properties.requiredForAdmins();
	}

	/** Whether this member of staff must turn two-factor sign-in on before anything else. */
	boolean mustEnrol(StaffUser user) {
		return properties.requiredForAdmins() && user.role() == Role.ADMIN
				&& user.totpSecret() == null;
	}

	/**
	 * The two-factor part of {@code /account}. While a key is to be added (turning on, or replacing) the session keeps
	 * the new secret, so a reload shows the same one. {@code newRecoveryCodes} are shown this once.
	 */
	Mono<TwoFactorView> view(Staff staff, StaffUser user, WebSession session, List<String> newRecoveryCodes) {
		boolean on = user.totpSecret() != null;
		boolean replacing = on && replacing(session);
		String secret = secrets.available() && (!on || replacing)
				? session.getAttributeOrDefault(PENDING_SECRET, codes.newSecret()) : null;
		if (secret != null) {
			session.getAttributes().put(PENDING_SECRET, secret);
		}
		String address = secret == null ? null : otpauth(staff.email(), secret);
		String qr = address == null ? null : QrCodeSvg.of(address);
		boolean required = properties.requiredForAdmins() && staff.isAdmin();
		return (on ? store.recoveryCodesLeft(user.id()) : Mono.just(0L))
			.map(left -> new TwoFactorView(secrets.available(), on, mustEnrol(user), on && !required, replacing, left,
					secret, address, qr, newRecoveryCodes));
	}

	/** Stores the session's new secret once {@code code} proves it was copied; answers the new recovery codes. */
	Mono<List<String>> enrol(Staff staff, WebSession session, String code) {
		if (!secrets.available()) {
			return Mono.error(Refused.badRequest(NO_KEY));
		}
		return users.findById(staff.id()).flatMap(user -> {
			if (user.totpSecret() != null && !replacing(session)) {
				return Mono.error(Refused.badRequest("Two-factor sign-in is already on. To use another phone, replace it "
						+ "with your password and a current code."));
			}
			String pending = session.getAttribute(PENDING_SECRET);
			OptionalLong step = pending == null ? OptionalLong.empty() : codes.matchingStep(pending, code);
			if (step.isEmpty()) {
				return Mono.error(Refused.badRequest(MISMATCH));
			}
			List<String> fresh = recoveryCodes.generate();
			session.getAttributes().remove(PENDING_SECRET);
			session.getAttributes().remove(REPLACING_UNTIL);
			// The code that proved the key counts as used: it cannot sign in afterwards.
			return store.enrol(user.id(), secrets.seal(user.id(), pending), step.getAsLong(), recoveryCodes.digests(user.id(), fresh))
				.thenReturn(fresh);
		});
	}

	/** After the password and a current code: this session may confirm a new key within the next minutes. */
	Mono<Void> startReplacing(Staff staff, WebSession session, String password, String code, String client) {
		return confirm(staff, password, code, client).then(Mono.fromRunnable(() -> {
			session.getAttributes().put(PENDING_SECRET, codes.newSecret());
			session.getAttributes().put(REPLACING_UNTIL, clock.instant().plus(REPLACING).toString());
		}));
	}

	Mono<List<String>> newRecoveryCodes(Staff staff, String password, String code, String client) {
		List<String> fresh = recoveryCodes.generate();
		return confirm(staff, password, code, client)
			.then(Mono.defer(() -> store.replaceRecoveryCodes(staff.id(), recoveryCodes.digests(staff.id(), fresh))))
			.thenReturn(fresh);
	}

	Mono<Void> turnOff(Staff staff, String password, String code, String client) {
		if (properties.requiredForAdmins() && staff.isAdmin()) {
			return Mono.error(Refused.badRequest("Admins keep two-factor sign-in on; to use another phone, replace it."));
		}
		return confirm(staff, password, code, client).then(Mono.defer(() -> store.turnOff(staff.id())));
	}

	/**
	 * The password and a second factor, as at sign-in: completes when both are right, else fails with
	 * {@link Refused}. The attempt is booked with the sign-in throttle first, so wrong ones count as failed sign-ins
	 * of this account from this client (and are logged and audited as such), and a delayed one is refused outright.
	 */
	private Mono<Void> confirm(Staff staff, String password, String code, String client) {
		return users.findById(staff.id()).flatMap(user -> throttle.reserve(staff.email(), client).flatMap(reservation -> {
			if (!reservation.isAllowed()) {
				return events.throttled(user, client, reservation.delay()).then(Mono.<Void>error(
						new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many wrong passwords or codes: wait a minute and try again.")));
			}
			return accounts.confirmPassword(staff.id(), password)
				.then(Mono.defer(() -> secondFactor.check(user, code)))
				.flatMap(verdict -> switch (verdict) {
					case ACCEPTED, RECOVERY_CODE_USED -> throttle.succeeded(reservation);
					case NOT_ENROLLED -> throttle.release(reservation).then(Mono.<Void>error(Refused.badRequest("Two-factor sign-in is off.")));
					case WRONG -> wrong(user, client, SignInEvents.Reason.WRONG_CODE);
				})
				.onErrorResume(StaffAccounts.WrongPasswordException.class,
						ex -> wrong(user, client, SignInEvents.Reason.WRONG_CURRENT_PASSWORD));
		}));
	}

	/** A wrong password or code keeps its booking with the throttle: it counts. */
	private Mono<Void> wrong(StaffUser user, String client, SignInEvents.Reason reason) {
		return events.failed(user, client, reason).then(Mono.error(Refused.badRequest(WRONG)));
	}

	private boolean replacing(WebSession session) {
		String until = session.getAttribute(REPLACING_UNTIL);
		return until != null && clock.instant().isBefore(Instant.parse(until));
	}

	private static String otpauth(String email, String secret) {
		String label = URLEncoder.encode("Blog admin:" + email, StandardCharsets.UTF_8).replace("+", "%20");
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Blog%20admin&algorithm=SHA1&digits=6&period=30";
	}

	/**
	 * What {@code /account} shows of two-factor sign-in.
	 *
	 * @param available the server has the key to seal secrets with
	 * @param mustEnrol an admin who must turn it on before anything else
	 * @param mayTurnOff off is offered (admins who must use it may only replace it)
	 * @param secret the new key to add (turning on or replacing), else {@code null}
	 * @param qrSvg the {@code otpauth://} address as an SVG QR code, drawn by {@link QrCodeSvg}
	 * @param newRecoveryCodes codes made by this request, shown this once; else {@code null}
	 */
	record TwoFactorView(boolean available, boolean on, boolean mustEnrol, boolean mayTurnOff, boolean replacing,
			long recoveryCodesLeft, String secret, String otpauthUri, String qrSvg, List<String> newRecoveryCodes) {
	}

	/** A change refused, with the status and the words of the page that says so. */
	static final class Refused extends RuntimeException {

		private final HttpStatus status;

		Refused(HttpStatus status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		static Refused badRequest(String message) {
			return new Refused(HttpStatus.BAD_REQUEST, message);
		}

		HttpStatus status() {
			return status;
		}
	}
}
