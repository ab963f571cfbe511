package org.drugsandcrime.blog.core.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The outbox as staff see it: how many mails stand where, each mailing (a post's notifications, the
 * confirmations, the reply notices) with its delivery state, the sender's recent batches, and every failure with
 * its reason. A fixed number of queries, each bounded by a limit.
 */
@Service
public class OutboxReport {

	private final DatabaseClient database;

	private final MailProperties properties;

	private final Clock clock;

	OutboxReport(DatabaseClient database, MailProperties properties, Clock clock) {
		this.database = database;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Where the mail goes and how it is protected, or null when no SMTP server is configured (mail then waits in the
	 * outbox).
	 */
	public String smtpServer() {
		if (!properties.smtpConfigured()) {
			return null;
		}
		String protection = switch (properties.smtpSecurity()) {
			case STARTTLS -> "STARTTLS required";
			case TLS -> "TLS";
			case STARTTLS_OPTIONAL -> "STARTTLS if offered, else in clear";
			case NONE -> "in clear";
		};
		return properties.smtpHost() + ":" + properties.smtpPort() + " (" + protection + ")";
	}

	public Mono<Map<MailStatus, Long>> counts() {
		return database.sql("SELECT status, count(*) AS n FROM mail_outbox GROUP BY status")
			.map((row, meta) -> Map.entry(MailStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class)))
			.all()
			.collectList()
			.map(entries -> {
				Map<MailStatus, Long> counts = new EnumMap<>(MailStatus.class);
				for (MailStatus status : MailStatus.values()) {
					counts.put(status, 0L);
				}
				entries.forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
				return counts;
			});
	}

	/** The newest mailings: one per post notified, one for all confirmations, one for all reply notices. */
	public Mono<List<Mailing>> mailings(int limit) {
		return database.sql("""
				SELECT o.kind, CASE WHEN o.kind = 'POST' THEN o.post_id END AS post_id, max(p.title) AS title,
				       count(*) AS total,
				       count(*) FILTER (WHERE o.status = 'SENT') AS sent,
				       count(*) FILTER (WHERE o.status IN ('PENDING', 'SENDING')) AS waiting,
				       count(*) FILTER (WHERE o.status = 'FAILED') AS failed,
				       count(*) FILTER (WHERE o.status = 'SKIPPED') AS skipped,
				       min(o.created_at) AS queued_at, max(o.sent_at) AS last_sent_at
				FROM mail_outbox o LEFT JOIN posts p ON p.id = o.post_id AND o.kind = 'POST'
				GROUP BY o.kind, CASE WHEN o.kind = 'POST' THEN o.post_id END
				ORDER BY max(o.id) DESC LIMIT :limit
				""")
			.bind("limit", limit)
			.map((row, meta) -> new Mailing(MailKind.valueOf(row.get("kind", String.class)), row.get("post_id", Long.class),
					row.get("title", String.class), row.get("total", Long.class), row.get("sent", Long.class),
					row.get("waiting", Long.class), row.get("failed", Long.class), row.get("skipped", Long.class),
					row.get("queued_at", Instant.class), row.get("last_sent_at", Instant.class)))
			.all()
			.collectList();
	}

	/** The sender's newest batches, each with how it went. */
	public Mono<List<BatchReport>> batches(int limit) {
		Instant now = clock.instant();
		return database.sql("SELECT * FROM mail_batches ORDER BY id DESC LIMIT :limit")
			.bind("limit", limit)
			.map((row, meta) -> {
				Instant finished = row.get("finished_at", Instant.class);
				String error = row.get("error", String.class);
				Instant lease = row.get("lease_until", Instant.class);
				String state = finished == null ? (lease.isAfter(now) ? "sending" : "abandoned")
						: error != null ? "stopped" : "done";
				return new BatchReport(row.get("id", Long.class), row.get("sender", String.class),
						row.get("claimed_at", Instant.class), finished, state, row.get("size", Integer.class),
						row.get("sent", Integer.class), row.get("failed", Integer.class), row.get("deferred", Integer.class),
						row.get("skipped", Integer.class), error);
			})
			.all()
			.collectList();
	}

	/** Mails that failed for good (newest first), and mails waiting for a retry after an error. */
	public Mono<List<Problem>> problems(int limit) {
		return database.sql("""
				SELECT o.id, o.kind, o.recipient, o.status, o.attempts, o.last_error, o.batch_id, o.next_attempt_at, p.title
				FROM mail_outbox o LEFT JOIN posts p ON p.id = o.post_id
				WHERE o.status = 'FAILED' OR (o.status = 'PENDING' AND o.last_error IS NOT NULL)
				ORDER BY (o.status = 'FAILED') DESC, o.id DESC LIMIT :limit
				""")
			.bind("limit", limit)
			.map((row, meta) -> new Problem(row.get("id", Long.class), MailKind.valueOf(row.get("kind", String.class)),
					row.get("recipient", String.class), MailStatus.valueOf(row.get("status", String.class)),
					row.get("title", String.class), row.get("attempts", Integer.class), row.get("last_error", String.class),
					row.get("batch_id", Long.class), row.get("next_attempt_at", Instant.class)))
			.all()
			.collectList();
	}

	/** One mailing: {@code postId} and {@code title} for post notifications only. */
	public record Mailing(MailKind kind, Long postId, String title, long total, long sent, long waiting, long failed,
			long skipped, Instant queuedAt, Instant lastSentAt) {
	}

	/** One batch; {@code state} is sending, done, stopped (with {@code error}) or abandoned (its sender died). */
	public record BatchReport(long id, String sender, Instant claimedAt, Instant finishedAt, String state, int size,
			int sent, int failed, int deferred, int skipped, String error) {
	}

	/** A failed mail, or one waiting to be retried after an error. */
	public record Problem(long id, MailKind kind, String recipient, MailStatus status, String postTitle, int attempts,
			String error, Long batchId, Instant nextAttemptAt) {
	}
}
