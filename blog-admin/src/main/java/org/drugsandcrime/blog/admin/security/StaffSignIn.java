package org.drugsandcrime.blog.admin.security;

import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The whole of a sign-in, as the authentication of form login: whatever request Spring Security's login matcher
 * takes for a sign-in (any spelling of its path) comes here, and nothing else signs anyone in. In order: the
 * attempt is booked with the {@link LoginThrottle} (refused while its wait lasts, before any hashing); exactly one
 * Argon2 hash is checked, against a dummy hash with the same parameters when the account does not exist, has no
 * password or is disabled, so the time taken tells nothing; then {@link SecondFactor} has its say. Every outcome
 * is an event ({@link SignInEvents}), and a hash made with weaker parameters than today's is replaced.
 *
 * <p>The one-time code and the client address come from the request itself, which Spring Security keeps in the
 * Reactor context of every request through its chain; without it, nobody signs in.
 */
@Component
class StaffSignIn implements ReactiveAuthenticationManager {

	private final StaffUserRepository users;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final SecondFactor secondFactor;

	private final SignInEvents events;

	private final DatabaseClient database;

	/** Checked instead of a real hash when there is none to check, so every failure costs the same one hash. */
	private final String dummyHash;

	StaffSignIn(StaffUserRepository users, PasswordEncoder passwords, LoginThrottle throttle, SecondFactor secondFactor,
			SignInEvents events, DatabaseClient database) {
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.secondFactor = secondFactor;
		this.events = events;
		this.database = database;
		this.dummyHash = passwords.encode(UUID.randomUUID().toString());
	}

	@Override
	public Mono<Authentication> authenticate(Authentication attempt) {
		return Mono.deferContextual(context -> Mono.justOrEmpty(context.getOrEmpty(ServerWebExchange.class)))
			.cast(ServerWebExchange.class)
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("No request to read the sign-in from")))
			.flatMap(exchange -> exchange.getFormData()
				.flatMap(form -> signIn(attempt.getName(), attempt.getCredentials() == null ? "" : attempt.getCredentials().toString(),
						form.getFirst("code"), ClientAddress.of(exchange))));
	}

	private Mono<Authentication> signIn(String typed, String password, String code, String client) {
		String account = typed == null ? "" : typed.strip();
		Mono<Optional<StaffUser>> lookup = account.isEmpty() || account.length() > 254 ? Mono.just(Optional.empty())
				: users.findByEmail(account).map(Optional::of).defaultIfEmpty(Optional.empty());
		return lookup.flatMap(found -> throttle.reserve(account, client).flatMap(reservation -> {
			StaffUser user = found.orElse(null);
			if (!reservation.isAllowed()) {
				return events.throttled(user, client, reservation.delay()).then(Mono.error(new SignInDelayedException()));
			}
			SignInEvents.Reason refusal = refusal(user);
			return hashMatches(refusal == null ? user.passwordHash() : dummyHash, password).flatMap(matches -> {
				if (refusal != null || !matches) {
					return fail(user, client, refusal != null ? refusal : SignInEvents.Reason.WRONG_PASSWORD);
				}
				return secondFactor.check(user, code).flatMap(verdict -> switch (verdict) {
					case WRONG -> fail(user, client, SignInEvents.Reason.WRONG_CODE);
					case RECOVERY_CODE_USED -> events.recoveryCodeUsed(user, client).then(succeed(user, password, client, reservation));
					case ACCEPTED, NOT_ENROLLED -> succeed(user, password, client, reservation);
				});
			});
		}));
	}

	/** Why this account cannot sign in whatever the password, or null when the password decides. */
	private static SignInEvents.Reason refusal(StaffUser user) {
		if (user == null) {
			return SignInEvents.Reason.UNKNOWN_ACCOUNT;
		}
		if (user.passwordHash() == null) {
			return SignInEvents.Reason.NO_PASSWORD;
		}
		return user.enabled() ? null : SignInEvents.Reason.DISABLED;
	}

	private Mono<Boolean> hashMatches(String hash, String password) {
		return Mono.fromCallable(() -> passwords.matches(limited(password), hash)).subscribeOn(Schedulers.boundedElastic());
	}

	/** The failure keeps its booking with the throttle: it counts. Every reason gets the same answer. */
	private Mono<Authentication> fail(StaffUser user, String client, SignInEvents.Reason reason) {
		return events.failed(user, client, reason).then(Mono.error(new BadCredentialsException("Wrong email, password or code")));
	}

	private Mono<Authentication> succeed(StaffUser user, String password, String client, LoginThrottle.Reservation reservation) {
		return throttle.succeeded(reservation)
			.then(upgradeHash(user, password))
			.then(events.signedIn(user, client))
			.thenReturn(UsernamePasswordAuthenticationToken.authenticated(user.email(), null,
					AuthorityUtils.createAuthorityList("ROLE_" + user.role().name())));
	}

	/**
	 * A hash made with weaker parameters than today's is replaced now that the password is at hand. Only if it is
	 * still the one checked: a password changed meanwhile stays changed.
	 */
	private Mono<Void> upgradeHash(StaffUser user, String password) {
		if (!needsUpgrade(user.passwordHash())) {
			return Mono.empty();
		}
		return Mono.fromCallable(() -> passwords.encode(password))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(hash -> database.sql("UPDATE users SET password_hash = :hash WHERE id = :id AND password_hash = :old")
				.bind("hash", hash)
				.bind("id", user.id())
				.bind("old", user.passwordHash())
				.then());
	}

	private boolean needsUpgrade(String hash) {
		try {
			return passwords.upgradeEncoding(hash);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Longer than any password can be set: hashed all the same (one hash per failure), but only its start. */
	private static String limited(String password) {
		return password.length() > StaffAccounts.MAX_PASSWORD_LENGTH + 1
				? password.substring(0, StaffAccounts.MAX_PASSWORD_LENGTH + 1) : password;
	}

	/** Sent back to the login page with its own notice: the attempt was not even tried. */
	static final class SignInDelayedException extends AuthenticationException {

		SignInDelayedException() {
			super("Too many failed sign-ins: wait and try again");
		}
	}
}
