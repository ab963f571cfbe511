package org.drugsandcrime.blog.web.views;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.stats.PostViewCounts;
import org.drugsandcrime.blog.core.stats.PostViewCounts.DailyCount;

/**
 * Views counted in memory per (post, day) until the next flush hands them to the database as one batch. The key
 * is the post's slug and the day: nothing about who read it. Each view moves from here to a batch exactly once
 * ({@code merge} and {@code remove} are atomic per key), and a batch the database refused comes back to be
 * tried again, so numbers are neither lost nor doubled while the process lives.
 */
final class ViewTally {

	private static final Log logger = LogFactory.getLog(ViewTally.class);

	private static final long SECONDS_A_DAY = 86_400L;

	private final ConcurrentHashMap<Key, Long> counts = new ConcurrentHashMap<>();

	private final PostViewCounts store;

	private final Clock clock;

	ViewTally(PostViewCounts store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** A reader saw the post at {@code slug}: cheap enough for the event loop (no I/O, no lock held for long). */
	void viewed(String slug) {
		// Not clock.millis(): the platform's clock ticks in microseconds, and Clock.tick's millis() divides by zero then.
		add(new Key(slug, Math.floorDiv(clock.instant().getEpochSecond(), SECONDS_A_DAY)), 1);
	}

	/** Adds everything counted so far to the database in one statement; nothing to add, no statement. */
	Mono<Void> flush() {
		return Mono.defer(() -> {
			List<Key> keys = new ArrayList<>();
			List<DailyCount> batch = new ArrayList<>();
			for (Key key : counts.keySet()) {
				Long views = counts.remove(key);
				if (views != null) {
					keys.add(key);
					batch.add(new DailyCount(key.slug(), LocalDate.ofEpochDay(key.epochDay()), views));
				}
			}
			if (batch.isEmpty()) {
				return Mono.empty();
			}
			return store.add(batch).then().onErrorResume(ex -> {
				logger.warn("Could not store " + batch.size() + " post view counts (" + ex.getMessage()
						+ "); keeping them for the next try");
				for (int i = 0; i < keys.size(); i++) {
					add(keys.get(i), batch.get(i).views());
				}
				return Mono.empty();
			});
		});
	}

	/** Views not yet handed to the database. */
	long pending() {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private void add(Key key, long views) {
		counts.merge(key, views, Long::sum);
	}

	private record Key(String slug, long epochDay) {
	}
}
