package org.drugsandcrime.blog.core.subscription;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/** The readers who subscribed, as staff look after them: searched a page at a time, exported as a stream, removed. */
@Service
public class SubscriberDirectory {

	public static final int MAX_QUERY_LENGTH = 200;

	private final DatabaseClient database;

	SubscriberDirectory(DatabaseClient database) {
		this.database = database;
	}

	/** A page of subscribers whose address contains {@code words} (all when blank), newest first. */
	public Mono<Listing> search(String words, int page, int size) {
		String clean = words == null ? "" : words.strip();
		if (clean.length() > MAX_QUERY_LENGTH) {
			clean = clean.substring(0, MAX_QUERY_LENGTH);
		}
		return database.sql("SELECT * FROM subscribers WHERE email ILIKE :like ORDER BY created_at DESC, id DESC "
				+ "LIMIT :limit OFFSET :offset")
			.bind("like", "%" + clean.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.bind("limit", size + 1)
			.bind("offset", (long) (Math.max(1, page) - 1) * size)
			.map((row, meta) -> subscriber(row))
			.all()
			.collectList()
			.map(rows -> new Listing(rows.size() > size ? rows.subList(0, size) : rows, page, rows.size() > size));
	}

	/** Every subscriber in id order, streamed from the database as rows arrive. */
	public Flux<Subscriber> all() {
		return database.sql("SELECT * FROM subscribers ORDER BY id").map((row, meta) -> subscriber(row)).all();
	}

	/** Forgets a subscriber entirely (a reader's request to be removed); false when there was none. */
	public Mono<Boolean> remove(long id) {
		return database.sql("DELETE FROM subscribers WHERE id = :id").bind("id", id).fetch().rowsUpdated().map(n -> n > 0);
	}

	public Mono<Long> count() {
		return database.sql("SELECT count(*) AS n FROM subscribers WHERE status = 'CONFIRMED'")
			.map((row, meta) -> row.get("n", Long.class))
			.one();
	}

	private static Subscriber subscriber(Readable row) {
		return new Subscriber(row.get("id", Long.class), row.get("email", String.class),
				SubscriberStatus.valueOf(row.get("status", String.class)), row.get("created_at", Instant.class),
				row.get("confirmed_at", Instant.class), row.get("unsubscribed_at", Instant.class));
	}

	public record Listing(List<Subscriber> rows, int page, boolean hasNext) {
	}
}
