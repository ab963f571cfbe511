package org.drugsandcrime.blog.web.cache;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The per-client allowance of uncached renders: a token bucket per client address holding
 * {@link RenderLimitProperties#perMinute()} renders and refilling at that rate, so a burst of clicks is fine and
 * a script that varies its searches or walks a million 404s is slowed to the allowed rate. Kept in this
 * process (each blog-web behind a balancer counts its own); a client quiet for two minutes is forgotten, with
 * a full allowance when it returns.
 */
@Component
class RenderLimit {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final int perMinute;

	private final Clock clock;

	private final Cache<String, Allowance> clients = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(2))
		.maximumSize(100_000)
		.build();

	RenderLimit(RenderLimitProperties properties, Clock clock) {
		this.perMinute = properties.perMinute();
		this.clock = clock;
	}

	/** Counts a render for {@code client}, or refuses it with a 429 that says when to try again. */
	void count(String client) {
		if (perMinute == 0) {
			return;
		}
		long now = clock.instant().toEpochMilli();
		long[] wait = new long[1];
		clients.asMap().compute(client, (key, allowance) -> {
			Allowance current = allowance == null ? new Allowance(perMinute, now) : allowance.refilled(now, perMinute);
			if (current.renders() >= 1) {
				return new Allowance(current.renders() - 1, now);
			}
			wait[0] = (long) Math.ceil((1 - current.renders()) * MINUTE.toMillis() / perMinute);
			return current;
		});
		if (wait[0] > 0) {
			throw new TooManyRenders(Duration.ofMillis(wait[0]));
		}
	}

	/** Renders left, fractions included, as of {@code at} (epoch milliseconds). */
	private record Allowance(double renders, long at) {

		Allowance refilled(long now, int perMinute) {
			double gained = Math.max(0, now - at) * perMinute / (double) MINUTE.toMillis();
			return new Allowance(Math.min(perMinute, renders + gained), now);
		}
	}

	/** A 429 carrying {@code Retry-After} in whole seconds, for the site's error page to pass on. */
	static final class TooManyRenders extends ResponseStatusException {

		private final long retryAfterSeconds;

		TooManyRenders(Duration retryAfter) {
			super(HttpStatus.TOO_MANY_REQUESTS, "too many uncached pages for one client");
			this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
			return headers;
		}
	}
}
