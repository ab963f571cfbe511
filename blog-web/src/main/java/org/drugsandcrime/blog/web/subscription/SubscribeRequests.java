package org.drugsandcrime.blog.web.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * How often one client address may post the subscription form: a fixed window per address, kept in this
 * process (the database keeps the limits that matter across processes: per recipient and pending per client).
 * This one only stops a flood from one address from reaching the database at all.
 */
@Component
class SubscribeRequests {

	static final int PER_WINDOW = 20;

	static final Duration WINDOW = Duration.ofMinutes(10);

	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	SubscribeRequests(Clock clock) {
		this.clock = clock;
	}

	/** Counts a request from {@code client}; false when it is over the limit. */
	boolean allow(String client) {
		Instant now = clock.instant();
		if (windows.size() > 100_000) {
			windows.values().removeIf(window -> window.start().plus(WINDOW).isBefore(now));
		}
		Window window = windows.compute(client, (key, current) -> current == null || current.start().plus(WINDOW).isBefore(now)
				? new Window(now, 1) : new Window(current.start(), current.count() + 1));
		return window.count() <= PER_WINDOW;
	}

	private record Window(Instant start, int count) {
	}
}
