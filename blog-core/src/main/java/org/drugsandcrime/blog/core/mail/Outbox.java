package org.drugsandcrime.blog.core.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Every mail the blog sends is first a row here, written in the same transaction as the change that calls for
 * it: a post going live queues one row per confirmed subscriber, a subscription queues its confirmation. The
 * unique keys make queueing idempotent; {@link OutboxSender} claims rows with {@code FOR UPDATE SKIP LOCKED}, so
 * any number of processes can send without two of them taking the same row.
 */
@Service
public class Outbox {

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Sinks.Many<MailKind> queued = Sinks.many().multicast().directBestEffort();

	Outbox(DatabaseClient database, TransactionalOperator transaction, Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Queues the notification of a post to every subscriber confirmed now. Called inside the transaction that
	 * marks the post announced, so the rows exist exactly when the announcement does; queueing twice adds nothing.
	 */
	public Mono<Long> queueAnnouncement(long postId) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO mail_outbox (kind, recipient, subscriber_id, post_id, status, next_attempt_at, created_at)
				SELECT 'POST', email, id, :post, 'PENDING', :now, :now FROM subscribers WHERE status = 'CONFIRMED'
				ON CONFLICT (post_id, subscriber_id) WHERE kind = 'POST' DO NOTHING
				""")
			.bind("post", postId)
			.bind("now", now)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * How long a "comments waiting" mail that was sent keeps further ones from a member of staff who has not dealt
	 * with the comments it told of: without it, an editor away for a week would never be reminded.
	 */
	static final Duration MODERATION_REMINDER = Duration.ofDays(1);

	/**
	 * Queues a "comments waiting" mail to each member of staff who asked for one, after a reader's comment
	 * {@code commentId} was stored as pending; returns how many were queued. Called in the transaction that
	 * stores the comment. To spare inboxes in a spam burst, nobody gets a second mail while their first is
	 * unsent (a unique index, so concurrent comments queue one), nor while a comment that was waiting when
	 * their last mail went still waits (they know, and have not been back), for up to
	 * {@link #MODERATION_REMINDER}.
	 */
	public Mono<Long> queueCommentsWaiting(long commentId) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO mail_outbox (kind, recipient, user_id, status, next_attempt_at, created_at)
				SELECT 'MODERATION', u.email, u.id, 'PENDING', :now, :now FROM users u
				WHERE u.notify_pending_comments AND u.enabled AND u.role IN ('EDITOR', 'ADMIN')
				  AND NOT EXISTS (
				      SELECT 1 FROM mail_outbox told
				      WHERE told.kind = 'MODERATION' AND told.user_id = u.id AND told.status = 'SENT'
				        AND told.sent_at > :remindAfter
				        AND EXISTS (SELECT 1 FROM comments waiting
				                    WHERE waiting.status = 'PENDING' AND waiting.created_at <= told.sent_at
				                      AND waiting.id <> :comment))
				ON CONFLICT (user_id) WHERE kind = 'MODERATION' AND status IN ('PENDING', 'SENDING', 'FAILED') DO NOTHING
				""")
			.bind("now", now)
			.bind("remindAfter", now.minus(MODERATION_REMINDER))
			.bind("comment", commentId)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Queues a test of a post's subscriber mail to {@code recipient} alone (the member of staff who asked): it is
	 * written like the real one, whatever the post's state, and no subscriber is involved.
	 */
	public Mono<Void> queueTest(long postId, String recipient) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO mail_outbox (kind, recipient, post_id, status, next_attempt_at, created_at)
				VALUES ('TEST', :recipient, :post, 'PENDING', :now, :now)
				""")
			.bind("recipient", recipient)
			.bind("post", postId)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.doOnNext(n -> nudge(MailKind.TEST))
			.then();
	}

	/** Queues the double opt-in mail; {@code token} is needed to write the link and is cleared once sent. */
	public Mono<Void> queueConfirmation(long subscriberId, String email, String token) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO mail_outbox (kind, recipient, subscriber_id, token, status, next_attempt_at, created_at)
				VALUES ('CONFIRMATION', :email, :subscriber, :token, 'PENDING', :now, :now)
				""")
			.bind("email", email)
			.bind("subscriber", subscriberId)
			.bind("token", token)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * Queues the mail that asks a commenter to confirm {@code email} for reply notices; {@code token} is needed to
	 * write the link and is cleared once sent. Called in the transaction that stores the comment.
	 */
	public Mono<Void> queueReplyConfirmation(String email, String token) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO mail_outbox (kind, recipient, token, status, next_attempt_at, created_at)
				VALUES ('REPLY_CONFIRMATION', :email, :token, 'PENDING', :now, :now)
				""")
			.bind("email", email)
			.bind("token", token)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * Queues double opt-in mails for many subscribers in one statement (the lists are parallel: the i-th token is for
	 * the i-th subscriber and address).
	 */
	public Mono<Long> queueConfirmations(List<Long> subscriberIds, List<String> emails, List<String> tokens) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO mail_outbox (kind, recipient, subscriber_id, token, status, next_attempt_at, created_at)
				SELECT 'CONFIRMATION', e, s, t, 'PENDING', :now, :now
				FROM unnest(:emails::text[], :subscribers::bigint[], :tokens::text[]) AS q(e, s, t)
				""")
			.bind("emails", emails.toArray(String[]::new))
			.bind("subscribers", subscriberIds.toArray(Long[]::new))
			.bind("tokens", tokens.toArray(String[]::new))
			.bind("now", now)
			.fetch()
			.rowsUpdated();
	}

	/** Tells this process's sender that mail is waiting, so it need not wait for its next look. */
	public void nudge(MailKind kind) {
		queued.tryEmitNext(kind);
	}

	Flux<MailKind> nudges() {
		return queued.asFlux();
	}

	/** Puts failed mails back in line for a fresh set of tries; returns how many. */
	public Mono<Long> resend(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(0L);
		}
		return database.sql("""
				UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now
				WHERE id = ANY(:ids) AND status = 'FAILED'
				""")
			.bind("ids", ids.toArray(Long[]::new))
			.bind("now", clock.instant())
			.fetch()
			.rowsUpdated()
			.doOnNext(n -> nudge(MailKind.POST));
	}

	/** Puts every failed mail back in line; returns how many. */
	public Mono<Long> resendAllFailed() {
		return database.sql("""
				UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now WHERE status = 'FAILED'
				""")
			.bind("now", clock.instant())
			.fetch()
			.rowsUpdated()
			.doOnNext(n -> nudge(MailKind.POST));
	}

	/**
	 * Returns the rows of batches whose sender died (its lease ran out) to the line. One of them may have
	 * reached the server just before the process died; it goes out again, with the same Message-ID.
	 */
	Mono<Long> reclaimAbandoned() {
		Instant now = clock.instant();
		return database.sql("""
				WITH abandoned AS (
				    UPDATE mail_outbox SET status = 'PENDING', next_attempt_at = :now, lease_until = NULL,
				        last_error = 'Its sender stopped before finishing the batch; queued again'
				    WHERE status = 'SENDING' AND lease_until < :now RETURNING batch_id)
				UPDATE mail_batches SET finished_at = :now, error = 'Abandoned: the sender stopped before finishing'
				WHERE id IN (SELECT batch_id FROM abandoned) AND finished_at IS NULL
				""")
			.bind("now", now)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Claims up to {@code size} due mails for {@code sender}, with what it takes to write them, in one round trip.
	 * The batch row is written only when something was claimed, so an idle poll writes nothing.
	 */
	Mono<Batch> claim(String sender, int size, Duration lease) {
		Instant now = clock.instant();
		Instant leaseUntil = now.plus(lease);
		return database.sql("SELECT nextval('mail_batches_id_seq') AS id")
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.flatMap(batchId -> database.sql("""
					WITH due AS (
					    SELECT id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= :now
					    ORDER BY next_attempt_at, id LIMIT :size FOR UPDATE SKIP LOCKED),
					claimed AS (
					    UPDATE mail_outbox o SET status = 'SENDING', batch_id = :batch, lease_until = :lease,
					        attempts = o.attempts + 1
					    FROM due WHERE o.id = due.id
					    RETURNING o.id, o.kind, o.recipient, o.token, o.attempts, o.subscriber_id, o.post_id, o.comment_id,
					        o.user_id, o.password_link_id)
					SELECT c.id, c.kind, c.recipient, c.token, c.attempts, c.comment_id, s.status AS subscriber_status,
					       c.password_link_id, l.expires_at AS link_expires_at, u.display_name AS staff_name,
					       (l.used_at IS NULL AND l.expires_at > :now AND u.enabled) AS link_current,
					       s.unsubscribe_token, p.title, p.slug, p.excerpt, p.published_at,
					       (s.confirm_token_hash = encode(sha256(convert_to(c.token, 'UTF8')), 'hex')
					           AND s.confirm_expires_at > :now) AS token_current,
					       (p.status <> 'DRAFT' AND p.published_at <= :now) AS post_visible,
					       r.author_name AS reply_author, r.body AS reply_body, r.status AS reply_status,
					       parent.notify_replies AS replies_wanted, parent.reply_notice_token,
					       ra.confirmed_at IS NOT NULL AS reply_address_confirmed,
					       (ra.confirm_token_hash = encode(sha256(convert_to(c.token, 'UTF8')), 'hex')
					           AND ra.confirm_expires_at > :now) AS reply_link_current,
					       (u.notify_pending_comments AND u.enabled AND u.role IN ('EDITOR', 'ADMIN')) AS staff_wants,
					       CASE WHEN c.kind = 'MODERATION'
					            THEN (SELECT count(*) FROM comments WHERE status = 'PENDING') END AS comments_waiting
					FROM claimed c
					LEFT JOIN subscribers s ON s.id = c.subscriber_id
					LEFT JOIN posts p ON p.id = c.post_id
					LEFT JOIN comments r ON r.id = c.comment_id
					LEFT JOIN comments parent ON parent.id = r.parent_id
					LEFT JOIN users u ON u.id = c.user_id
					LEFT JOIN password_links l ON l.id = c.password_link_id
					LEFT JOIN reply_notice_addresses ra ON c.kind = 'REPLY_CONFIRMATION' AND ra.email = lower(c.recipient)
					ORDER BY c.id
					""")
				.bind("now", now)
				.bind("size", size)
				.bind("batch", batchId)
				.bind("lease", leaseUntil)
				.map((row, meta) -> item(row))
				.all()
				.concatMap(item -> item.passwordLinkId() == null || item.skipReason() != null ? Mono.just(item)
						: withLinkToken(item, now))
				.collectList()
				.flatMap(items -> items.isEmpty() ? Mono.just(new Batch(batchId, items))
						: database.sql("""
								INSERT INTO mail_batches (id, sender, claimed_at, lease_until, size)
								VALUES (:id, :sender, :now, :lease, :size)
								""")
							.bind("id", batchId)
							.bind("sender", sender)
							.bind("now", now)
							.bind("lease", leaseUntil)
							.bind("size", items.size())
							.fetch()
							.rowsUpdated()
							.thenReturn(new Batch(batchId, items))))
			.as(transaction::transactional);
	}

	/**
	 * Draws the token of a password link as its mail is claimed, and keeps only its SHA-256 on the link: the plain
	 * token is never written to the database (not even to this row, which waits here until the mail goes out), so a
	 * copy of the database or a look at the outbox gives nobody a working link. Each try of the mail draws a new one
	 * and the newest counts; the token lives on in this sender's memory and in the mail alone.
	 */
	private Mono<OutboxItem> withLinkToken(OutboxItem item, Instant now) {
		String token = PasswordLinkTokens.draw();
		return database.sql("UPDATE password_links SET token_hash = :hash WHERE id = :link AND used_at IS NULL AND expires_at > :now")
			.bind("hash", PasswordLinkTokens.digest(token))
			.bind("link", item.passwordLinkId())
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated == 0 ? item.skipped("The link was used or ran out before it could be sent")
					: item.withToken(token));
	}

	Mono<Void> sent(long batch, long id) {
		return database.sql("""
				UPDATE mail_outbox SET status = 'SENT', sent_at = :now, lease_until = NULL, token = NULL, last_error = NULL
				WHERE id = :id AND batch_id = :batch AND status = 'SENDING'
				""")
			.bind("now", clock.instant())
			.bind("id", id)
			.bind("batch", batch)
			.fetch()
			.rowsUpdated()
			.then();
	}

	Mono<Void> skipped(long batch, long id, String reason) {
		return database.sql("""
				UPDATE mail_outbox SET status = 'SKIPPED', lease_until = NULL, token = NULL, last_error = :reason
				WHERE id = :id AND batch_id = :batch AND status = 'SENDING'
				""")
			.bind("reason", reason)
			.bind("id", id)
			.bind("batch", batch)
			.fetch()
			.rowsUpdated()
			.then();
	}

	Mono<Void> failed(long batch, long id, String error) {
		return database.sql("""
				UPDATE mail_outbox SET status = 'FAILED', lease_until = NULL, last_error = :error
				WHERE id = :id AND batch_id = :batch AND status = 'SENDING'
				""")
			.bind("error", error)
			.bind("id", id)
			.bind("batch", batch)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** The server deferred this mail: it is tried again after {@code wait}. */
	Mono<Void> deferred(long batch, long id, String error, Duration wait) {
		return database.sql("""
				UPDATE mail_outbox SET status = 'PENDING', lease_until = NULL, last_error = :error, next_attempt_at = :next
				WHERE id = :id AND batch_id = :batch AND status = 'SENDING'
				""")
			.bind("error", error)
			.bind("next", clock.instant().plus(wait))
			.bind("id", id)
			.bind("batch", batch)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * Returns what a batch did not get to (its sender is stopping, or the server went away) to the line,
	 * without counting a try: nothing was attempted. {@code error} says why, for staff, when there was one.
	 */
	Mono<Long> release(long batch, String error, Duration wait) {
		return database.sql("""
				UPDATE mail_outbox SET status = 'PENDING', lease_until = NULL, attempts = greatest(attempts - 1, 0),
				    next_attempt_at = :next, last_error = coalesce(:error, last_error)
				WHERE batch_id = :batch AND status = 'SENDING'
				""")
			.bind("next", clock.instant().plus(wait))
			.bind("error", Parameter.fromOrEmpty(error, String.class))
			.bind("batch", batch)
			.fetch()
			.rowsUpdated();
	}

	/** Records how the batch went, as counted from its rows, and when it ended. */
	Mono<Void> finish(long batch, String error) {
		return database.sql("""
				UPDATE mail_batches b SET finished_at = :now, error = :error,
				    sent = counts.sent, failed = counts.failed, deferred = counts.deferred, skipped = counts.skipped
				FROM (SELECT count(*) FILTER (WHERE status = 'SENT') AS sent,
				             count(*) FILTER (WHERE status = 'FAILED') AS failed,
				             count(*) FILTER (WHERE status = 'PENDING') AS deferred,
				             count(*) FILTER (WHERE status = 'SKIPPED') AS skipped
				      FROM mail_outbox WHERE batch_id = :batch) counts
				WHERE b.id = :batch
				""")
			.bind("now", clock.instant())
			.bind("error", Parameter.fromOrEmpty(error, String.class))
			.bind("batch", batch)
			.fetch()
			.rowsUpdated()
			.then();
	}

	private static OutboxItem item(Readable row) {
		MailKind kind = MailKind.valueOf(row.get("kind", String.class));
		String subscriberStatus = row.get("subscriber_status", String.class);
		boolean postVisible = Boolean.TRUE.equals(row.get("post_visible", Boolean.class));
		String skip = switch (kind) {
			case CONFIRMATION -> !"PENDING".equals(subscriberStatus) ? "The subscriber is no longer waiting for confirmation"
					// Still in the outbox when a newer link was asked for (or this one ran out): that one counts.
					: !Boolean.TRUE.equals(row.get("token_current", Boolean.class)) ? "A newer confirmation link replaced this one"
					: null;
			case POST -> !"CONFIRMED".equals(subscriberStatus) ? "The subscriber is no longer subscribed"
					: !postVisible ? "The post is no longer published" : null;
			// A test goes to the member of staff who asked for it, whatever state the post is in.
			case TEST -> null;
			case REPLY -> !"APPROVED".equals(row.get("reply_status", String.class)) ? "The reply is no longer shown"
					: !Boolean.TRUE.equals(row.get("replies_wanted", Boolean.class)) ? "The commenter stopped reply notices"
					: !postVisible ? "The post is no longer published" : null;
			case REPLY_CONFIRMATION -> Boolean.TRUE.equals(row.get("reply_address_confirmed", Boolean.class))
					? "The address was confirmed in the meantime"
					: !Boolean.TRUE.equals(row.get("reply_link_current", Boolean.class))
							? "A newer confirmation link replaced this one" : null;
			case MODERATION -> !Boolean.TRUE.equals(row.get("staff_wants", Boolean.class))
					? "The member of staff no longer asks for these mails"
					: waiting(row) == 0 ? "No comment waits for moderation any more" : null;
			case PASSWORD_RESET, INVITATION -> !Boolean.TRUE.equals(row.get("link_current", Boolean.class))
					? "The link was used or ran out (or the account was disabled) before it could be sent" : null;
		};
		String stopToken = kind == MailKind.REPLY ? row.get("reply_notice_token", String.class)
				: row.get("unsubscribe_token", String.class);
		return new OutboxItem(row.get("id", Long.class), kind, row.get("recipient", String.class),
				row.get("token", String.class), row.get("attempts", Integer.class), skip, stopToken, row.get("title", String.class), row.get("slug", String.class),
				row.get("excerpt", String.class), row.get("reply_author", String.class),
				row.get("reply_body", String.class), row.get("comment_id", Long.class), waiting(row),
				row.get("published_at", Instant.class), row.get("password_link_id", Long.class),
				row.get("link_expires_at", Instant.class), row.get("staff_name", String.class));
	}

	private static long waiting(Readable row) {
		Long count = row.get("comments_waiting", Long.class);
		return count == null ? 0 : count;
	}

	/** One claim: its id and the mails in it, in the order they are sent. */
	record Batch(long id, List<OutboxItem> items) {
	}

	/**
	 * A claimed mail with what it takes to write it. {@code skipReason} is set when it is no longer wanted;
	 * {@code unsubscribeToken} stops what the mail is one of (a subscription, or a comment's reply notices);
	 * {@code commentsWaiting} is how many comments wait for moderation as a MODERATION mail is claimed;
	 * {@code passwordLinkId}, {@code linkExpiresAt} and {@code staffName} are set for password links, whose
	 * {@code token} is drawn at the claim.
	 */
	record OutboxItem(long id, MailKind kind, String recipient, String token, int attempts, String skipReason,
			String unsubscribeToken, String postTitle, String postSlug, String postExcerpt, String replyAuthor,
			String replyBody, Long commentId, long commentsWaiting, Instant postPublishedAt, Long passwordLinkId,
			Instant linkExpiresAt, String staffName) {

		OutboxItem withToken(String drawn) {
			return new OutboxItem(id, kind, recipient, drawn, attempts, skipReason, unsubscribeToken, postTitle, postSlug,
					postExcerpt, replyAuthor, replyBody, commentId, commentsWaiting, postPublishedAt, passwordLinkId,
					linkExpiresAt, staffName);
		}

		OutboxItem skipped(String reason) {
			return new OutboxItem(id, kind, recipient, token, attempts, reason, unsubscribeToken, postTitle, postSlug,
					postExcerpt, replyAuthor, replyBody, commentId, commentsWaiting, postPublishedAt, passwordLinkId,
					linkExpiresAt, staffName);
		}
	}
}
