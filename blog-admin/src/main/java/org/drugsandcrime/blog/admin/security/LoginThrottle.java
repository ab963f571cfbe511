package org.drugsandcrime.blog.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without ever locking anyone out. Each attempt is booked in PostgreSQL, in one
 * statement that also says whether it may go ahead, before its password is hashed: a burst of concurrent
 * guesses queues on the row and gets no more tries than the same guesses one after another, and every admin
 * process shares the counts. Two keys are counted: the account from this client address (so an outsider's
 * guesses never delay its owner at their own address), and the client address over all accounts (credential
 * stuffing), which spares accounts that signed in successfully from that address before, so staff behind one
 * shared proxy keep signing in while someone there tries other names. A success gives its booking back.
 */
@Component
class LoginThrottle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	/** When the key's next attempt may run: past {@code :free} failures, {@code :first} doubled per failure, at most {@code :max}. */
	private static final String OPEN_AT = "t.last_at + least(:first * power(2, least(t.failures - :free, 40)), :max) * interval '1 millisecond'";

	private static final String BOOK = """
			INSERT INTO sign_in_throttle AS t (key, failures, since, last_at) VALUES (:key, 1, :now, :now)
			ON CONFLICT (key) DO UPDATE
			SET failures = CASE WHEN t.since < :stale THEN 1 ELSE t.failures + 1 END,
				since = CASE WHEN t.since < :stale THEN :now ELSE t.since END,
				last_at = :now
			WHERE t.since < :stale OR t.failures < :free OR %s <= :now
			RETURNING t.failures
			""".formatted(OPEN_AT);

	private static final String OPENS_AT = "SELECT %s AS open_at FROM sign_in_throttle t WHERE key = :key AND t.failures >= :free"
		.formatted(OPEN_AT);

	private final DatabaseClient database;

	private final Clock clock;

	private final LoginThrottleProperties limits;

	private volatile Disposable cleaning;

	LoginThrottle(DatabaseClient database, Clock clock, LoginThrottleProperties limits) {
		this.database = database;
		this.clock = clock;
		this.limits = limits;
	}

	/** Books one attempt at {@code account}'s password from {@code client}; call before hashing anything. */
	Mono<Reservation> reserve(String account, String client) {
		Instant now = clock.instant();
		String pair = key("account", normal(account), client);
		String wide = key("client", client);
		return trusted(pair, now).flatMap(trusted -> trusted ? reservePair(pair, null, now)
				: book(wide, limits.perAddress(), now).flatMap(booked -> booked ? reservePair(pair, wide, now)
						: opensAt(wide, limits.perAddress(), now).map(open -> Reservation.refused(pair, open, now))));
	}

	/** The password was right: this account and client start again from nothing and are trusted a while. */
	Mono<Void> succeeded(Reservation reservation) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO sign_in_throttle (key, failures, since, last_at, trusted_until) VALUES (:key, 0, :now, :now, :trusted)
				ON CONFLICT (key) DO UPDATE SET failures = 0, trusted_until = excluded.trusted_until
				""")
			.bind("key", reservation.pairKey())
			.bind("now", now)
			.bind("trusted", now.plus(limits.trustFor()))
			.then()
			.then(giveBack(reservation.clientKey()));
	}

	/** The attempt turned out to be no guess at the password (refused for another reason): it counts for nothing. */
	Mono<Void> release(Reservation reservation) {
		return giveBack(reservation.pairKey()).then(giveBack(reservation.clientKey()));
	}

	/** Deletes the keys nobody tried for {@code forgetAfter} and no longer trusted; returns how many went. */
	Mono<Long> forgetOld() {
		Instant now = clock.instant();
		return database.sql("DELETE FROM sign_in_throttle WHERE last_at < :stale AND (trusted_until IS NULL OR trusted_until < :now)")
			.bind("stale", now.minus(limits.forgetAfter()))
			.bind("now", now)
			.fetch()
			.rowsUpdated();
	}

	private Mono<Reservation> reservePair(String pair, String wide, Instant now) {
		return book(pair, limits.perAccount(), now).flatMap(booked -> booked ? Mono.just(Reservation.allowed(pair, wide))
				// Refused here, so this attempt costs the client-wide count nothing.
				: giveBack(wide).then(opensAt(pair, limits.perAccount(), now)).map(open -> Reservation.refused(pair, open, now)));
	}

	private Mono<Boolean> trusted(String pair, Instant now) {
		return database.sql("SELECT trusted_until > :now AS trusted FROM sign_in_throttle WHERE key = :key")
			.bind("key", pair)
			.bind("now", now)
			.map(row -> Boolean.TRUE.equals(row.get("trusted", Boolean.class)))
			.one()
			.defaultIfEmpty(false);
	}

	/** Whether the attempt was booked; a key whose wait has not passed is left as it is. */
	private Mono<Boolean> book(String key, int free, Instant now) {
		return delays(database.sql(BOOK), free)
			.bind("key", key)
			.bind("now", now)
			.bind("stale", now.minus(limits.forgetAfter()))
			.map(row -> true)
			.one()
			.defaultIfEmpty(false);
	}

	private Mono<Instant> opensAt(String key, int free, Instant now) {
		return delays(database.sql(OPENS_AT), free)
			.bind("key", key)
			.map(row -> row.get("open_at", Instant.class))
			.one()
			.defaultIfEmpty(now);
	}

	private DatabaseClient.GenericExecuteSpec delays(DatabaseClient.GenericExecuteSpec statement, int free) {
		return statement.bind("free", free)
			.bind("first", limits.firstDelay().toMillis())
			.bind("max", limits.maxDelay().toMillis());
	}

	private Mono<Void> giveBack(String key) {
		if (key == null) {
			return Mono.empty();
		}
		return database.sql("UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE key = :key")
			.bind("key", key)
			.then();
	}

	/** Email addresses are matched without regard to case or surrounding spaces, as sign-in finds them. */
	private static String normal(String account) {
		return account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
	}

	/** A digest, so that whatever was typed as the account (a password, by mistake) is never stored. */
	private static String key(String... parts) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	@Override
	public void start() {
		cleaning = Flux.interval(limits.cleanupInterval(), limits.cleanupInterval())
			.onBackpressureDrop()
			.concatMap(tick -> forgetOld().onErrorResume(ex -> {
				logger.warn("Could not delete old sign-in counts (will try again): {}", ex.getMessage());
				return Mono.just(0L);
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = cleaning;
		if (current != null) {
			current.dispose();
		}
		cleaning = null;
	}

	@Override
	public boolean isRunning() {
		return cleaning != null;
	}

	/**
	 * One booked attempt, or a refusal saying until when. {@code clientKey} is set when the client-wide count was
	 * booked too, so a success can give it back.
	 */
	record Reservation(String pairKey, String clientKey, Duration delay) {

		static Reservation allowed(String pairKey, String clientKey) {
			return new Reservation(pairKey, clientKey, null);
		}

		static Reservation refused(String pairKey, Instant openAt, Instant now) {
			Duration delay = Duration.between(now, openAt);
			return new Reservation(pairKey, null, delay.isNegative() ? Duration.ZERO : delay);
		}

		boolean isAllowed() {
			return delay == null;
		}
	}
}
