package org.drugsandcrime.blog.core.comment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.mail.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Who hears of replies. A reply notice goes only to an address whose owner confirmed it once, by pressing the
 * button behind a link mailed to it: otherwise anyone could have the blog mail any address by ticking "notify me"
 * under a comment signed with it. The first time an address asks, a confirmation mail goes to it; another one
 * only after a wait that doubles with each mail not acted on ({@link ReplyNoticeProperties}). (Queueing the notices
 * is the database's job: see the trigger in {@code V85__comment_parents_and_reply_addresses.sql}.)
 * <p>
 * Stopping the notices, from the link in any of them, follows the same one-click, idempotent, reveal-nothing rules
 * as unsubscribing from posts.
 */
@Service
public class ReplyNotices {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,128}");

	/** Seeded once, then only computes: confirmation tokens are drawn on event-loop threads. */
	private static final SecureRandom random = drbg();

	private final DatabaseClient database;

	private final Outbox outbox;

	private final ReplyNoticeProperties properties;

	private final Clock clock;

	ReplyNotices(DatabaseClient database, Outbox outbox, ReplyNoticeProperties properties, Clock clock) {
		this.database = database;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Queues a confirmation mail to {@code email} unless it is confirmed already or the last one is too recent;
	 * true when one was queued. Called in the transaction that stores the comment asking for notices.
	 */
	Mono<Boolean> askToConfirm(String email) {
		Instant now = clock.instant();
		String token = newToken();
		String address = email.strip();
		return database.sql("""
				INSERT INTO reply_notice_addresses AS a (email, confirm_token_hash, confirm_expires_at, confirm_sent_at,
				    confirm_sends, created_at)
				VALUES (:email, :hash, :expires, :now, 1, :now)
				ON CONFLICT (email) DO UPDATE SET confirm_token_hash = :hash, confirm_expires_at = :expires,
				    confirm_sent_at = :now, confirm_sends = a.confirm_sends + 1
				WHERE a.confirmed_at IS NULL
				  AND (a.confirm_sent_at IS NULL OR a.confirm_sent_at + make_interval(secs => least(
				      :first * power(2, least(greatest(a.confirm_sends - 1, 0), 40)), :longest)) <= :now)
				""")
			.bind("email", address.toLowerCase(Locale.ROOT))
			.bind("hash", hash(token))
			.bind("expires", now.plus(properties.linkValidFor()))
			.bind("now", now)
			.bind("first", (double) properties.firstResendWait().toSeconds())
			.bind("longest", (double) properties.longestResendWait().toSeconds())
			.fetch()
			.rowsUpdated()
			.flatMap(asked -> asked > 0 ? outbox.queueReplyConfirmation(address, token).thenReturn(true)
					: Mono.just(false));
	}

	/** What a confirmation link stands for, without changing anything (a GET, which mail scanners follow too). */
	public Mono<AddressConfirmation> confirmation(String token) {
		if (!wellFormed(token)) {
			return Mono.just(AddressConfirmation.UNKNOWN);
		}
		return database.sql("SELECT confirmed_at, confirm_expires_at FROM reply_notice_addresses WHERE confirm_token_hash = :hash")
			.bind("hash", hash(token))
			.map((row, meta) -> {
				if (row.get("confirmed_at", Instant.class) != null) {
					return AddressConfirmation.ALREADY_CONFIRMED;
				}
				Instant expires = row.get("confirm_expires_at", Instant.class);
				return expires == null || !clock.instant().isBefore(expires) ? AddressConfirmation.EXPIRED
						: AddressConfirmation.WAITING;
			})
			.one()
			.defaultIfEmpty(AddressConfirmation.UNKNOWN);
	}

	/**
	 * Confirms the address the link was sent to, before it expires: from now on, replies to its comments that
	 * asked for notices are mailed to it. The token keeps answering "already confirmed" afterwards.
	 */
	public Mono<AddressConfirmation> confirm(String token) {
		if (!wellFormed(token)) {
			return Mono.just(AddressConfirmation.UNKNOWN);
		}
		Instant now = clock.instant();
		return database.sql("""
				UPDATE reply_notice_addresses SET confirmed_at = :now, confirm_sends = 0
				WHERE confirm_token_hash = :hash AND confirmed_at IS NULL AND confirm_expires_at > :now
				""")
			.bind("now", now)
			.bind("hash", hash(token))
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated > 0 ? Mono.just(AddressConfirmation.CONFIRMED) : confirmation(token));
	}

	/** Whether a stop link is one we sent (a GET: changes nothing). */
	public Mono<Boolean> knowsStopLink(String token) {
		if (!wellFormed(token)) {
			return Mono.just(false);
		}
		return database.sql("SELECT 1 FROM comments WHERE reply_notice_token = :token")
			.bind("token", token)
			.fetch()
			.first()
			.hasElement();
	}

	/** Stops the notices for the comment the link was sent for; false when it is not a link we sent. */
	public Mono<Boolean> stop(String token) {
		if (!wellFormed(token)) {
			return Mono.just(false);
		}
		return database.sql("UPDATE comments SET notify_replies = false WHERE reply_notice_token = :token")
			.bind("token", token)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated > 0);
	}

	/** Where the confirmation of an address stands, as its link tells. */
	public enum AddressConfirmation {

		/** The link works and the address waits for the button. */
		WAITING,

		/** Confirmed just now. */
		CONFIRMED,

		/** Confirmed before: nothing more to do. */
		ALREADY_CONFIRMED,

		/** The link ran out. */
		EXPIRED,

		/** Not a link we sent, or a newer one replaced it. */
		UNKNOWN
	}

	private static boolean wellFormed(String token) {
		return token != null && TOKEN.matcher(token).matches();
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static SecureRandom drbg() {
		try {
			SecureRandom generator = SecureRandom.getInstance("DRBG");
			generator.nextBytes(new byte[1]);
			return generator;
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	private static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
