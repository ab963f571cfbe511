package org.drugsandcrime.blog.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;

import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Puts subscribers in the state a test talks about, with addresses no other test uses; and takes them out
 * of later tests' way ({@link #unsubscribeAll()}), because every test class in a JVM shares the database.
 * <pre>
 * List&lt;String&gt; confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 3);
 * </pre>
 */
public final class Subscribers {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private final DatabaseClient database;

	private final String run = "t" + sequence.incrementAndGet();

	public Subscribers(DatabaseClient database) {
		this.database = database;
	}

	/** A fresh address, unused by any other test. */
	public String newAddress(String name) {
		return name + "." + run + "." + sequence.incrementAndGet() + "@example.org";
	}

	/** {@code count} subscribers in {@code status}, one statement; returns their addresses. */
	public List<String> create(SubscriberStatus status, int count) {
		List<String> emails = IntStream.range(0, count).mapToObj(i -> newAddress(status.name().toLowerCase())).toList();
		database.sql("""
				INSERT INTO subscribers (email, status, created_at, confirmed_at, unsubscribed_at)
				SELECT unnest(:emails::text[]), :status, :now,
				       CASE WHEN :status <> 'PENDING' THEN :now END, CASE WHEN :status = 'UNSUBSCRIBED' THEN :now END
				""")
			.bind("emails", emails.toArray(String[]::new))
			.bind("status", status.name())
			.bind("now", Instant.now())
			.fetch()
			.rowsUpdated()
			.block();
		return emails;
	}

	/** The unsubscribe link's token of a subscriber. */
	public String unsubscribeToken(String email) {
		return database.sql("SELECT unsubscribe_token FROM subscribers WHERE lower(email) = lower(:email)")
			.bind("email", email)
			.map((row, meta) -> row.get("unsubscribe_token", String.class))
			.one()
			.block();
	}

	public SubscriberStatus status(String email) {
		return database.sql("SELECT status FROM subscribers WHERE lower(email) = lower(:email)")
			.bind("email", email)
			.map((row, meta) -> SubscriberStatus.valueOf(row.get("status", String.class)))
			.one()
			.block();
	}

	/** The token of the newest confirmation mail queued for an address (it is only in the outbox until sent). */
	public String confirmationToken(String email) {
		return database.sql("""
				SELECT token FROM mail_outbox WHERE kind = 'CONFIRMATION' AND lower(recipient) = lower(:email)
				ORDER BY id DESC LIMIT 1
				""")
			.bind("email", email)
			.map((row, meta) -> row.get("token", String.class))
			.one()
			.block();
	}

	/** Whether any subscriber row has this exact address. */
	public boolean exists(String email) {
		return Boolean.TRUE.equals(database.sql("SELECT count(*) > 0 AS found FROM subscribers WHERE email = :email")
			.bind("email", email)
			.map((row, meta) -> row.get("found", Boolean.class))
			.one()
			.block());
	}

	/**
	 * Takes everyone this fixture did not make out of the way, with their queued mail: demo readers, subscribers
	 * and mail that earlier test classes left. A test that counts who got a post's mail, or waits for a number of
	 * mails, then sees only its own.
	 */
	public void excludeOthers() {
		setAside("NOT LIKE");
	}

	/** Unsubscribes everyone this fixture made and drops their unsent mail, so later tests do not send it. */
	public void unsubscribeAll() {
		setAside("LIKE");
	}

	/**
	 * Unsubscribes the subscribers whose address does ({@code LIKE}) or does not ({@code NOT LIKE}) belong to this
	 * run, and drops their unsent mail.
	 */
	private void setAside(String match) {
		String pattern = "%." + run + ".%";
		Flux.concat(
				database.sql("UPDATE subscribers SET status = 'UNSUBSCRIBED', unsubscribed_at = now() "
						+ "WHERE status <> 'UNSUBSCRIBED' AND email " + match + " :pattern")
					.bind("pattern", pattern)
					.fetch()
					.rowsUpdated(),
				database.sql("DELETE FROM mail_outbox WHERE recipient " + match + " :pattern AND status IN ('PENDING', 'FAILED')")
					.bind("pattern", pattern)
					.fetch()
					.rowsUpdated())
			.blockLast();
	}
}
