package org.drugsandcrime.blog.core.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.mail.MailKind;
import org.drugsandcrime.blog.core.mail.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Double opt-in subscription and one-click unsubscription. A subscription is stored as pending and its
 * confirmation mail queued in one transaction; the link's token (256 random bits) is stored only as a hash,
 * works once and expires. The form cannot be used to mail strangers: an address gets a confirmation mail at
 * most every {@link SubscriptionProperties#firstResendAfter()}, doubling with each unconfirmed one (the guard that
 * matters), and a client address may ask for only {@link SubscriptionProperties#pendingPerClient()} unconfirmed ones
 * a day.
 */
@Service
public class Subscriptions {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,128}");

	/**
	 * A DRBG reads the system's entropy once, when it is seeded, and then only computes: tokens are made on
	 * event-loop threads, where the default generator's reads of /dev/urandom would be file I/O.
	 */
	private static final SecureRandom random = drbg();

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Outbox outbox;

	private final SubscriptionProperties limits;

	private final Clock clock;

	Subscriptions(DatabaseClient database, TransactionalOperator transaction, Outbox outbox,
			SubscriptionProperties limits, Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.outbox = outbox;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Asks for a subscription. Throws {@link InvalidEmailAddressException} (nothing stored) for an address that
	 * cannot be used. A reader must not learn from the answer whether somebody else's address is subscribed, so
	 * callers show one page for every outcome but {@link Subscribed#TOO_MANY_FROM_CLIENT}.
	 */
	public Mono<Subscribed> subscribe(String rawEmail, String clientAddress) {
		EmailAddress email;
		try {
			email = EmailAddress.parse(rawEmail);
		}
		catch (InvalidEmailAddressException ex) {
			return Mono.error(ex);
		}
		String client = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
		Instant now = clock.instant();
		return database.sql("""
				SELECT count(*) AS n FROM subscribers
				WHERE status = 'PENDING' AND client_address = :client AND confirm_sent_at > :since
				""")
			.bind("client", client)
			.bind("since", now.minus(SubscriptionProperties.PENDING_WINDOW))
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.flatMap(pending -> pending >= limits.pendingPerClient() ? Mono.just(Subscribed.TOO_MANY_FROM_CLIENT)
					: register(email, client, now))
			.as(transaction::transactional)
			.doOnNext(result -> {
				if (result == Subscribed.CONFIRMATION_SENT) {
					outbox.nudge(MailKind.CONFIRMATION);
				}
			});
	}

	/**
	 * How long until {@code clientAddress} may ask for another subscription after {@link Subscribed#TOO_MANY_FROM_CLIENT}:
	 * until the oldest of its unconfirmed ones that count is a day old (at least a minute).
	 */
	public Mono<Duration> pendingLimitLiftsIn(String clientAddress) {
		String client = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
		Instant now = clock.instant();
		return database.sql("""
				SELECT min(confirm_sent_at) AS oldest FROM subscribers
				WHERE status = 'PENDING' AND client_address = :client AND confirm_sent_at > :since
				""")
			.bind("client", client)
			.bind("since", now.minus(SubscriptionProperties.PENDING_WINDOW))
			.map((row, meta) -> Optional.ofNullable(row.get("oldest", Instant.class)))
			.one()
			.map(oldest -> oldest.map(at -> Duration.between(now, at.plus(SubscriptionProperties.PENDING_WINDOW)))
				.filter(wait -> wait.compareTo(Duration.ofMinutes(1)) > 0)
				.orElse(Duration.ofMinutes(1)));
	}

	private Mono<Subscribed> register(EmailAddress email, String client, Instant now) {
		return database.sql("""
				INSERT INTO subscribers (email, status, created_at, client_address) VALUES (:email, 'PENDING', :now, :client)
				ON CONFLICT ((lower(email))) DO NOTHING
				""")
			.bind("email", email.value())
			.bind("now", now)
			.bind("client", client)
			.fetch()
			.rowsUpdated()
			.then(database.sql("""
					SELECT id, email, status, confirm_sent_at, confirm_sends FROM subscribers
					WHERE lower(email) = lower(:email) FOR UPDATE
					""")
				.bind("email", email.value())
				.map((row, meta) -> new Existing(row.get("id", Long.class), row.get("email", String.class),
						SubscriberStatus.valueOf(row.get("status", String.class)), row.get("confirm_sent_at", Instant.class),
						row.get("confirm_sends", Integer.class)))
				.one())
			.flatMap(existing -> {
				if (existing.status() == SubscriberStatus.CONFIRMED) {
					return Mono.just(Subscribed.ALREADY_SUBSCRIBED);
				}
				if (existing.confirmSentAt() != null
						&& now.isBefore(existing.confirmSentAt().plus(limits.resendAfter(existing.confirmSends())))) {
					return Mono.just(Subscribed.SENT_RECENTLY);
				}
				String token = newToken();
				return database.sql("""
						UPDATE subscribers SET status = 'PENDING', confirm_token_hash = :hash, confirm_expires_at = :expires,
						    confirm_sent_at = :now, confirm_sends = confirm_sends + 1, client_address = :client
						WHERE id = :id
						""")
					.bind("hash", hash(token))
					.bind("expires", now.plus(limits.confirmationExpiry()))
					.bind("now", now)
					.bind("client", client)
					.bind("id", existing.id())
					.fetch()
					.rowsUpdated()
					.then(outbox.queueConfirmation(existing.id(), existing.email(), token))
					.thenReturn(Subscribed.CONFIRMATION_SENT);
			});
	}

	/** What a confirmation link stands for, without changing anything (a GET, which mail scanners follow too). */
	public Mono<Confirmation> confirmation(String token) {
		if (!wellFormed(token)) {
			return Mono.just(Confirmation.UNKNOWN);
		}
		return database.sql("SELECT status, confirm_expires_at FROM subscribers WHERE confirm_token_hash = :hash")
			.bind("hash", hash(token))
			.map((row, meta) -> {
				SubscriberStatus status = SubscriberStatus.valueOf(row.get("status", String.class));
				Instant expires = row.get("confirm_expires_at", Instant.class);
				return switch (status) {
					case CONFIRMED -> Confirmation.ALREADY_CONFIRMED;
					// An unsubscribed reader's old link must not bring the subscription back.
					case UNSUBSCRIBED -> Confirmation.UNKNOWN;
					case PENDING -> expires == null || !clock.instant().isBefore(expires) ? Confirmation.EXPIRED
							: Confirmation.WAITING;
				};
			})
			.one()
			.defaultIfEmpty(Confirmation.UNKNOWN);
	}

	/** Confirms the subscription the token was sent for; once only, and only before it expires. */
	public Mono<Confirmation> confirm(String token) {
		if (!wellFormed(token)) {
			return Mono.just(Confirmation.UNKNOWN);
		}
		Instant now = clock.instant();
		return database.sql("""
				UPDATE subscribers SET status = 'CONFIRMED', confirmed_at = :now, confirm_sends = 0, client_address = NULL,
				    unsubscribed_at = NULL
				WHERE confirm_token_hash = :hash AND status = 'PENDING' AND confirm_expires_at > :now
				""")
			.bind("now", now)
			.bind("hash", hash(token))
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated > 0 ? Mono.just(Confirmation.CONFIRMED) : confirmation(token));
	}

	/** Whether an unsubscribe link is one we sent (a GET: changes nothing). */
	public Mono<Boolean> knowsUnsubscribeLink(String token) {
		if (!wellFormed(token)) {
			return Mono.just(false);
		}
		return database.sql("SELECT 1 FROM subscribers WHERE unsubscribe_token = :token")
			.bind("token", token)
			.fetch()
			.first()
			.hasElement();
	}

	/**
	 * Unsubscribes the reader the link was sent to; again and again if asked (the first time counts). False when
	 * the link is not one we sent, which says nothing about any address.
	 */
	public Mono<Boolean> unsubscribe(String token) {
		if (!wellFormed(token)) {
			return Mono.just(false);
		}
		return database.sql("""
				UPDATE subscribers SET status = 'UNSUBSCRIBED',
				    unsubscribed_at = CASE WHEN status = 'UNSUBSCRIBED' THEN unsubscribed_at ELSE :now END
				WHERE unsubscribe_token = :token
				""")
			.bind("now", clock.instant())
			.bind("token", token)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated > 0);
	}

	/** How many subscribers came from an imported list, have not confirmed, and were never asked to. */
	public Mono<Long> importedNotYetAsked() {
		return database.sql("""
				SELECT count(*) AS n FROM subscribers
				WHERE imported_at IS NOT NULL AND status = 'PENDING' AND confirm_sent_at IS NULL
				""")
			.map((row, meta) -> row.get("n", Long.class))
			.one();
	}

	/**
	 * Queues a confirmation mail to every imported subscriber who has not confirmed and was never asked: staff press
	 * for this after an import, which mails nobody by itself. Each one is asked once, however often it is pressed
	 * (or by several staff at once: rows being asked are locked and skipped). A batch of {@value #ASK_AT_ONCE} at a
	 * time, each batch's tokens and mails in one transaction. Returns how many were asked.
	 */
	public Mono<Long> askImportedToConfirm() {
		return askImportedBatch().expand(asked -> asked == ASK_AT_ONCE ? askImportedBatch() : Mono.empty())
			.reduce(0L, Long::sum)
			.doOnNext(asked -> {
				if (asked > 0) {
					outbox.nudge(MailKind.CONFIRMATION);
				}
			});
	}

	static final int ASK_AT_ONCE = 500;

	private Mono<Long> askImportedBatch() {
		Instant now = clock.instant();
		return database.sql("""
				SELECT id, email FROM subscribers
				WHERE imported_at IS NOT NULL AND status = 'PENDING' AND confirm_sent_at IS NULL
				ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
				""")
			.bind("limit", ASK_AT_ONCE)
			.map((row, meta) -> Map.entry(row.get("id", Long.class), row.get("email", String.class)))
			.all()
			.collectList()
			.flatMap(rows -> {
				if (rows.isEmpty()) {
					return Mono.just(0L);
				}
				List<Long> ids = rows.stream().map(Map.Entry::getKey).toList();
				List<String> emails = rows.stream().map(Map.Entry::getValue).toList();
				List<String> tokens = rows.stream().map(row -> newToken()).toList();
				return database.sql("""
						UPDATE subscribers s SET confirm_token_hash = t.hash, confirm_expires_at = :expires,
						    confirm_sent_at = :now, confirm_sends = s.confirm_sends + 1
						FROM unnest(:ids::bigint[], :hashes::text[]) AS t(id, hash)
						WHERE s.id = t.id
						""")
					.bind("ids", ids.toArray(Long[]::new))
					.bind("hashes", tokens.stream().map(Subscriptions::hash).toArray(String[]::new))
					.bind("expires", now.plus(limits.confirmationExpiry()))
					.bind("now", now)
					.fetch()
					.rowsUpdated()
					.then(outbox.queueConfirmations(ids, emails, tokens))
					.thenReturn((long) rows.size());
			})
			.as(transaction::transactional);
	}

	/** How many subscribers are in each state (every state present, zero when none). */
	public Mono<Map<SubscriberStatus, Long>> counts() {
		return database.sql("SELECT status, count(*) AS n FROM subscribers GROUP BY status")
			.map((row, meta) -> Map.entry(SubscriberStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class)))
			.all()
			.collectList()
			.map(entries -> {
				Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
				for (SubscriberStatus status : SubscriberStatus.values()) {
					counts.put(status, 0L);
				}
				entries.forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
				return counts;
			});
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

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What became of a subscription request. */
	public enum Subscribed {

		/** A confirmation mail is queued. */
		CONFIRMATION_SENT,

		/** One was sent a short while ago; no new mail. */
		SENT_RECENTLY,

		/** The address is confirmed already; no mail. */
		ALREADY_SUBSCRIBED,

		/** This client address has asked for too many unconfirmed subscriptions today; nothing stored. */
		TOO_MANY_FROM_CLIENT
	}

	/** Where a confirmation link stands. */
	public enum Confirmation {

		/** Valid and not used yet: the page offers the button. */
		WAITING,

		/** Confirmed by this request. */
		CONFIRMED,

		/** Used before: the subscription stands. */
		ALREADY_CONFIRMED,

		EXPIRED,

		/** Not a link we sent, or one that no longer counts. */
		UNKNOWN
	}

	private record Existing(long id, String email, SubscriberStatus status, Instant confirmSentAt, int confirmSends) {
	}
}
