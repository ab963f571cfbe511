package org.drugsandcrime.blog.core.stats;

import java.time.LocalDate;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Readers' views of posts, added to the daily totals. The public site counts in memory and hands over a batch
 * every few seconds; the batch is one statement whatever its size, and it adds to what is stored rather than
 * replacing it, so several public-site processes writing the same post and day add up instead of overwriting.
 */
@Component
public class PostViewCounts {

	// Posts are named by slug because that is all a request carries; the join drops a slug that no longer names a
	// post (renamed or deleted since the view) rather than failing the whole batch.
	private static final String ADD = """
			INSERT INTO post_daily_views (post_id, day, views)
			SELECT p.id, DATE '1970-01-01' + v.epoch_day, sum(v.views)
			FROM unnest(CAST(:slugs AS text[]), CAST(:days AS int[]), CAST(:views AS bigint[])) AS v(slug, epoch_day, views)
			JOIN posts p ON p.slug = v.slug
			GROUP BY p.id, v.epoch_day
			ON CONFLICT (post_id, day) DO UPDATE SET views = post_daily_views.views + EXCLUDED.views
			""";

	private final DatabaseClient database;

	PostViewCounts(DatabaseClient database) {
		this.database = database;
	}

	/** Adds the counts in one statement; completes with the number of (post, day) rows written. */
	public Mono<Long> add(List<DailyCount> counts) {
		if (counts.isEmpty()) {
			return Mono.just(0L);
		}
		String[] slugs = new String[counts.size()];
		Integer[] days = new Integer[counts.size()];
		Long[] views = new Long[counts.size()];
		for (int i = 0; i < counts.size(); i++) {
			DailyCount count = counts.get(i);
			slugs[i] = count.slug();
			days[i] = Math.toIntExact(count.day().toEpochDay());
			views[i] = count.views();
		}
		return database.sql(ADD).bind("slugs", slugs).bind("days", days).bind("views", views).fetch().rowsUpdated();
	}

	/** {@code views} readers of the post at {@code slug} on {@code day}. */
	public record DailyCount(String slug, LocalDate day, long views) {
	}
}
