package org.drugsandcrime.blog.core.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Which process pings the WebSub hub for a change. Every blog-web process hears every change; the first to
 * record its key here does the pinging, the others see the key taken. Keys older than a week are dropped:
 * by then no process is still hearing of that change.
 */
@Service
public class HubPingClaims {

	private static final Duration KEPT = Duration.ofDays(7);

	private final DatabaseClient database;

	private final Clock clock;

	HubPingClaims(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** True for exactly one caller per key, in all processes together. */
	public Mono<Boolean> claim(String changeKey) {
		Instant now = clock.instant();
		return prune(now).then(database
			.sql("INSERT INTO websub_claims (change_key, claimed_at) VALUES (:key, :now) ON CONFLICT DO NOTHING")
			.bind("key", changeKey)
			.bind("now", now)
			.fetch()
			.rowsUpdated())
			.map(inserted -> inserted == 1);
	}

	/**
	 * Claims a change of a post whose feeds are now {@code topics}. For exactly one caller per key, in all
	 * processes together: those topics and the ones the post's previous claim pinged (feeds it has just left, such
	 * as a category taken away). Empty for every other caller.
	 */
	public Mono<List<String>> claimPost(String changeKey, long postId, List<String> topics) {
		Instant now = clock.instant();
		return prune(now).then(database.sql("""
				WITH previous AS (SELECT topics FROM websub_claims WHERE post_id = :post
				                  ORDER BY claimed_at DESC, change_key DESC LIMIT 1),
				     inserted AS (INSERT INTO websub_claims (change_key, claimed_at, post_id, topics)
				                  VALUES (:key, :now, :post, :topics) ON CONFLICT DO NOTHING RETURNING 1)
				SELECT (SELECT count(*) FROM inserted) AS claimed, (SELECT topics FROM previous) AS previous""")
			.bind("post", postId)
			.bind("key", changeKey)
			.bind("now", now)
			.bind("topics", topics.toArray(String[]::new))
			.map((row, meta) -> {
				if (row.get("claimed", Long.class) == 0) {
					return List.<String>of();
				}
				Set<String> all = new LinkedHashSet<>(topics);
				String[] previous = row.get("previous", String[].class);
				if (previous != null) {
					all.addAll(Arrays.asList(previous));
				}
				return List.copyOf(all);
			})
			.one());
	}

	/**
	 * Claims the state a subject (an archive's feed) is now in: true for exactly one caller per state, in all
	 * processes together, and the subject's earlier states are forgotten, so that a name changed and changed
	 * back is announced both times. The state is stored as a digest (an author's bio can be long).
	 */
	public Mono<Boolean> claimState(String subject, String state) {
		Instant now = clock.instant();
		String prefix = subject + "@";
		return prune(now).then(database.sql("""
				WITH claim AS (SELECT :prefix || encode(sha256(convert_to(:state, 'UTF8')), 'hex') AS change_key),
				     inserted AS (INSERT INTO websub_claims (change_key, claimed_at) SELECT change_key, :now FROM claim
				                  ON CONFLICT DO NOTHING RETURNING 1),
				     superseded AS (DELETE FROM websub_claims WHERE starts_with(change_key, :prefix)
				                    AND change_key <> (SELECT change_key FROM claim) AND EXISTS (SELECT 1 FROM inserted))
				SELECT count(*) AS claimed FROM inserted""")
			.bind("state", state)
			.bind("now", now)
			.bind("prefix", prefix)
			.map((row, meta) -> row.get("claimed", Long.class) == 1)
			.one());
	}

	private Mono<Void> prune(Instant now) {
		return database.sql("DELETE FROM websub_claims WHERE claimed_at < :before")
			.bind("before", now.minus(KEPT))
			.fetch()
			.rowsUpdated()
			.then();
	}
}
