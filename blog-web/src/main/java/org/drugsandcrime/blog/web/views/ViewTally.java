package org.drugsandcrime.blog.web.views;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.stats.PostViewCounts;
import org.drugsandcrime.blog.core.stats.PostViewCounts.DailyCount;

/**
 * Views counted in memory per (post, day) until the next flush hands them to the database as one batch. The key
 * is the post's slug and the day: nothing about who read it.
 *
 * <p>Counting never takes a lock: every event-loop thread adds to a {@link LongAdder} per key, and a key once
 * made is only read. A flush sends, per key, what was counted since the last flush that the database accepted
 * (a running total minus what was sent), so a view is neither lost nor sent twice, also when a flush fails: the
 * next one sends it again. Keys of days gone by are dropped once sent.
 */
final class ViewTally {

	private static final Log logger = LogFactory.getLog(ViewTally.class);

	private static final long SECONDS_A_DAY = 86_400L;

	private final ConcurrentHashMap<Key, LongAdder> counted = new ConcurrentHashMap<>();

	/** How much of each key's running total has been sent to the database; guarded by this tally's monitor. */
	private final Map<Key, Long> stored = new HashMap<>();

	private final PostViewCounts store;

	private final Clock clock;

	ViewTally(PostViewCounts store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** A reader saw the post at {@code slug}: cheap enough for the event loop (no I/O, no lock). */
	void viewed(String slug) {
		Key key = new Key(slug, Math.floorDiv(clock.instant().getEpochSecond(), SECONDS_A_DAY));
		counted.computeIfAbsent(key, k -> new LongAdder()).increment();
	}

	/**
	 * Adds everything counted since the last flush to the database in one statement; nothing new, no statement.
	 * What a flush sends counts as stored from the moment it is sent, so flushes that overlap never send a view
	 * twice; if the database refuses the batch it is taken back, and the next flush sends it again.
	 */
	synchronized Mono<Void> flush() {
		List<DailyCount> batch = new ArrayList<>();
		List<Key> keys = new ArrayList<>();
		for (Map.Entry<Key, LongAdder> entry : counted.entrySet()) {
			Key key = entry.getKey();
			long total = entry.getValue().sum();
			long fresh = total - stored.getOrDefault(key, 0L);
			if (fresh > 0) {
				stored.put(key, total);
				keys.add(key);
				batch.add(new DailyCount(key.slug(), LocalDate.ofEpochDay(key.epochDay()), fresh));
			}
		}
		forgetPastDays();
		if (batch.isEmpty()) {
			return Mono.empty();
		}
		return store.add(batch).then().onErrorResume(ex -> {
			logger.warn("Could not store " + batch.size() + " post view counts (" + ex.getMessage()
					+ "); the next flush sends them again");
			takeBack(keys, batch);
			return Mono.empty();
		});
	}

	private synchronized void takeBack(List<Key> keys, List<DailyCount> batch) {
		for (int i = 0; i < keys.size(); i++) {
			stored.merge(keys.get(i), -batch.get(i).views(), Long::sum);
		}
	}

	/**
	 * Drops keys older than yesterday whose views are all sent: no request still running can count for them (a
	 * late one near midnight counts for yesterday, which is kept).
	 */
	private void forgetPastDays() {
		long yesterday = Math.floorDiv(clock.instant().getEpochSecond(), SECONDS_A_DAY) - 1;
		counted.entrySet().removeIf(entry -> entry.getKey().epochDay() < yesterday
				&& entry.getValue().sum() == stored.getOrDefault(entry.getKey(), 0L));
		stored.keySet().removeIf(key -> !counted.containsKey(key));
	}

	/** Views not yet sent to the database. */
	synchronized long pending() {
		long pending = 0;
		for (Map.Entry<Key, LongAdder> entry : counted.entrySet()) {
			pending += entry.getValue().sum() - stored.getOrDefault(entry.getKey(), 0L);
		}
		return pending;
	}

	private record Key(String slug, long epochDay) {
	}
}
