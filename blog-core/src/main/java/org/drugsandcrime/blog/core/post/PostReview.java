package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/** Authors submit drafts for review; editors see what waits and decide when it goes out. */
@Service
public class PostReview {

	private final DatabaseClient database;

	private final Clock clock;

	PostReview(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** Marks a draft as waiting for review; false when the post is not a draft (nothing to review). */
	public Mono<Boolean> request(long postId) {
		return database.sql("UPDATE posts SET review_requested_at = :now WHERE id = :id AND status = 'DRAFT'")
			.bind("now", clock.instant())
			.bind("id", postId)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated > 0);
	}

	/** The review is over: the post was published or scheduled. */
	public Mono<Void> clear(long postId) {
		return database.sql("UPDATE posts SET review_requested_at = NULL WHERE id = :id AND review_requested_at IS NOT NULL")
			.bind("id", postId)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Drafts waiting for review, longest-waiting first. */
	public Flux<Waiting> waiting(int limit) {
		return database.sql("""
				SELECT p.id, p.title, u.display_name, p.review_requested_at FROM posts p JOIN users u ON u.id = p.author_id
				WHERE p.review_requested_at IS NOT NULL AND p.status = 'DRAFT'
				ORDER BY p.review_requested_at LIMIT :limit
				""")
			.bind("limit", limit)
			.map((row, meta) -> new Waiting(row.get("id", Long.class), row.get("title", String.class),
					row.get("display_name", String.class), row.get("review_requested_at", Instant.class)))
			.all();
	}

	public Mono<Boolean> isWaiting(long postId) {
		return database.sql("SELECT review_requested_at IS NOT NULL AND status = 'DRAFT' AS waiting FROM posts WHERE id = :id")
			.bind("id", postId)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("waiting", Boolean.class)))
			.one()
			.defaultIfEmpty(false);
	}

	public record Waiting(long id, String title, String authorName, Instant since) {
	}
}
