package org.drugsandcrime.blog.web.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.drugsandcrime.blog.core.subscription.SubscriptionProperties;
import org.springframework.stereotype.Component;

/**
 * How often one client address may send the subscription form: {@link SubscriptionProperties#postsPerClient()} in
 * a fixed window of {@link SubscriptionProperties#postsWindow()} per address, kept in this process (the database
 * keeps the limits that matter across processes: per recipient and pending per client). This one only stops a
 * flood from one address from reaching the database at all; an office behind one address stays well under it.
 */
@Component
class SubscribeRequests {

	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

	private final SubscriptionProperties limits;

	private final Clock clock;

	SubscribeRequests(SubscriptionProperties limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * Counts a request from {@code client}: {@link Duration#ZERO} when it is within the limit, else how long until
	 * the window that refused it ends.
	 */
	Duration waitBefore(String client) {
		Instant now = clock.instant();
		Duration length = limits.postsWindow();
		if (windows.size() > 100_000) {
			windows.values().removeIf(window -> !window.start().plus(length).isAfter(now));
		}
		Window window = windows.compute(client, (key, current) -> current == null || !current.start().plus(length).isAfter(now)
				? new Window(now, 1) : new Window(current.start(), current.count() + 1));
		return window.count() <= limits.postsPerClient() ? Duration.ZERO : Duration.between(now, window.start().plus(length));
	}

	/** Forgets every address (tests start each case with a clean allowance). */
	void forget() {
		windows.clear();
	}

	private record Window(Instant start, int count) {
	}
}
