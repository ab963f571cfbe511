package org.drugsandcrime.blog.admin.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address over a sliding window. Kept in this process's
 * memory: with several admin processes an attacker gets each process's allowance, which still caps guessing
 * at a handful of passwords a minute per process. Argon2 makes each guess expensive besides.
 */
@Component
class LoginThrottle {

	/** Beyond this many tracked keys the oldest stale ones are dropped, so a flood of made-up names cannot fill memory. */
	private static final int MAX_KEYS = 100_000;

	private final LoginThrottleProperties limits;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	LoginThrottle(LoginThrottleProperties limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	boolean isThrottled(String account, String address) {
		Instant since = clock.instant().minus(limits.window());
		return recent(accountKey(account), since) >= limits.perAccount()
				|| recent(addressKey(address), since) >= limits.perAddress();
	}

	void failed(String account, String address) {
		Instant now = clock.instant();
		if (failures.size() > MAX_KEYS) {
			forgetStale(now.minus(limits.window()));
		}
		add(accountKey(account), now);
		add(addressKey(address), now);
	}

	void succeeded(String account) {
		failures.remove(accountKey(account));
	}

	private void add(String key, Instant at) {
		Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			times.addLast(at);
			while (times.size() > Math.max(limits.perAccount(), limits.perAddress())) {
				times.removeFirst();
			}
		}
	}

	private int recent(String key, Instant since) {
		Deque<Instant> times = failures.get(key);
		if (times == null) {
			return 0;
		}
		synchronized (times) {
			return (int) times.stream().filter(at -> at.isAfter(since)).count();
		}
	}

	private void forgetStale(Instant since) {
		failures.entrySet().removeIf(entry -> {
			synchronized (entry.getValue()) {
				return entry.getValue().isEmpty() || !entry.getValue().getLast().isAfter(since);
			}
		});
	}

	private static String accountKey(String account) {
		return "account:" + (account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String address) {
		return "address:" + (address == null ? "unknown" : address);
	}
}
