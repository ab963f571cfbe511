package org.drugsandcrime.blog.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * The signed-in sessions of every member of staff, one row each in {@code staff_sessions}, whichever admin process
 * and session store holds the session itself. A session is signed in from {@link #begin} until its row is gone:
 * signing out, "sign out everywhere else", twelve hours after the sign-in (the absolute lifetime, kept in the
 * session and read against the application's clock), or idling out (the store forgets the session; the row is
 * deleted with the next sign-in's tidying).
 *
 * <p>A row is found by a random key the session keeps from its sign-in, not by the session id: Spring Security gives
 * the session a new id whenever it stores a new CSRF token, so the id is no name for a row. The row holds only a
 * SHA-256 digest of that key, and nothing of the session id, so a copy of the database opens no session.
 */
@Component
class SignedInSessions {

	private static final String SIGNED_IN_AT = SignedInSessions.class.getName() + ".signedInAt";

	private static final String KEY = SignedInSessions.class.getName() + ".key";

	private static final SecureRandom random = new SecureRandom();

	/** Staff see when a session was last used to the minute; writing it more often would cost a write per click. */
	private static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);

	private final DatabaseClient database;

	private final Clock clock;

	private final SessionProperties settings;

	SignedInSessions(DatabaseClient database, Clock clock, SessionProperties settings) {
		this.database = database;
		this.clock = clock;
		this.settings = settings;
	}

	/** Whether someone signed in with this session (anonymous visitors have no server session at all). */
	static boolean isSignedIn(WebSession session) {
		return session.getAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME) != null;
	}

	/** At sign-in, once the session has its new id: what the session remembers, and its row. */
	Mono<Void> begin(ServerWebExchange exchange, StaffUser user) {
		return exchange.getSession().flatMap(session -> {
			Instant now = clock.instant();
			PasswordStamp.keep(session, user);
			session.getAttributes().put(SIGNED_IN_AT, now.toString());
			byte[] key = new byte[32];
			random.nextBytes(key);
			session.getAttributes().put(KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
			return forgetOutlived(now).then(database.sql("""
					INSERT INTO staff_sessions (session_digest, user_id, signed_in_at, last_seen_at, client_address, browser)
					VALUES (:digest, :user, :now, :now, :address, :browser)
					ON CONFLICT (session_digest) DO UPDATE SET user_id = :user, signed_in_at = :now, last_seen_at = :now,
					    client_address = :address, browser = :browser""")
				.bind("digest", digest(session))
				.bind("user", user.id())
				.bind("now", now)
				.bind("address", ClientAddress.of(exchange))
				.bind("browser", BrowserName.of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT)))
				.then());
		});
	}

	/**
	 * Whether this signed-in session may go on: begun by a sign-in, within its absolute lifetime, and its row still
	 * there (one query; last seen written at most once a minute). When it may not, the session ends here.
	 */
	Mono<Boolean> holds(WebSession session) {
		Instant now = clock.instant();
		Instant signedInAt = signedInAt(session);
		String digest = digest(session);
		if (signedInAt == null || digest == null || !now.isBefore(signedInAt.plus(settings.absoluteTimeout()))) {
			return end(session).thenReturn(false);
		}
		return database.sql("SELECT last_seen_at FROM staff_sessions WHERE session_digest = :digest")
			.bind("digest", digest)
			.map((row, meta) -> row.get("last_seen_at", Instant.class))
			.one()
			.flatMap(lastSeen -> lastSeen.isAfter(now.minus(LAST_SEEN_STEP)) ? Mono.just(true)
					: database.sql("UPDATE staff_sessions SET last_seen_at = :now WHERE session_digest = :digest")
						.bind("now", now)
						.bind("digest", digest)
						.then()
						.thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> session.invalidate().thenReturn(false)));
	}

	/** At sign-out: the row goes, so no list shows the session any more. */
	Mono<Void> forget(WebSession session) {
		String digest = digest(session);
		return digest == null ? Mono.empty()
				: database.sql("DELETE FROM staff_sessions WHERE session_digest = :digest").bind("digest", digest).then();
	}

	/** Ends the session and its row. */
	Mono<Void> end(WebSession session) {
		return forget(session).then(session.invalidate());
	}

	/** "Sign out everywhere else": every other session of this account ends at its next request, in any process. */
	Mono<Long> endOthers(long userId, WebSession current) {
		return database.sql("DELETE FROM staff_sessions WHERE user_id = :user AND session_digest <> :digest")
			.bind("user", userId)
			.bind("digest", String.valueOf(digest(current)))
			.fetch()
			.rowsUpdated();
	}

	/** The account's live sessions, this one first, then the most recently used. */
	Flux<SessionRow> of(long userId, WebSession current) {
		Instant now = clock.instant();
		return database.sql("""
				SELECT signed_in_at, last_seen_at, client_address, browser, session_digest = :digest AS current
				FROM staff_sessions
				WHERE user_id = :user AND last_seen_at > :idle AND signed_in_at > :absolute
				ORDER BY session_digest = :digest DESC, last_seen_at DESC""")
			.bind("digest", String.valueOf(digest(current)))
			.bind("user", userId)
			.bind("idle", idleSince(now))
			.bind("absolute", now.minus(settings.absoluteTimeout()))
			.map((row, meta) -> new SessionRow(row.get("signed_in_at", Instant.class),
					Boolean.TRUE.equals(row.get("current", Boolean.class)) ? now : row.get("last_seen_at", Instant.class),
					row.get("client_address", String.class), row.get("browser", String.class),
					Boolean.TRUE.equals(row.get("current", Boolean.class))))
			.all();
	}

	/** Rows of sessions that can no longer be in use; the store has forgotten them (or will at once). */
	private Mono<Void> forgetOutlived(Instant now) {
		return database.sql("DELETE FROM staff_sessions WHERE last_seen_at < :idle OR signed_in_at < :absolute")
			.bind("idle", idleSince(now))
			.bind("absolute", now.minus(settings.absoluteTimeout()))
			.then();
	}

	/** Last seen is written a minute apart at most, so a row is idle only a minute after its session could be. */
	private Instant idleSince(Instant now) {
		return now.minus(settings.idleTimeout()).minus(LAST_SEEN_STEP);
	}

	private static Instant signedInAt(WebSession session) {
		Object kept = session.getAttribute(SIGNED_IN_AT);
		try {
			return kept instanceof String text ? Instant.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** What the row is filed under: the digest of the session's key, or null for a session that never signed in. */
	private static String digest(WebSession session) {
		Object key = session.getAttribute(KEY);
		if (!(key instanceof String text)) {
			return null;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * One signed-in session as its owner sees it.
	 *
	 * @param current whether it is the session asking
	 */
	record SessionRow(Instant signedInAt, Instant lastSeenAt, String clientAddress, String browser, boolean current) {
	}
}
