package org.drugsandcrime.blog.web.comment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * How many comments one client address may send: {@link #PER_WINDOW} in any {@link #WINDOW} (a sliding window,
 * so a burst straddling a minute boundary is caught too). Kept in this process: it stops a flood before it
 * reaches the database; moderation is the real gate.
 */
@Component
class CommentRequests {

	static final int PER_WINDOW = 10;

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final ConcurrentHashMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	/** Counts a comment from {@code client}; false when it is one too many. */
	boolean allow(String client) {
		Instant now = clock.instant();
		Instant since = now.minus(WINDOW);
		if (recent.size() > 100_000) {
			recent.values().removeIf(times -> times.isEmpty() || times.peekLast().isBefore(since));
		}
		boolean[] allowed = new boolean[1];
		recent.compute(client, (key, times) -> {
			Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
			while (!kept.isEmpty() && !kept.peekFirst().isAfter(since)) {
				kept.pollFirst();
			}
			allowed[0] = kept.size() < PER_WINDOW;
			if (allowed[0]) {
				kept.addLast(now);
			}
			return kept;
		});
		return allowed[0];
	}

	/** Forgets every address (tests start each case with a clean allowance). */
	void forget() {
		recent.clear();
	}
}
