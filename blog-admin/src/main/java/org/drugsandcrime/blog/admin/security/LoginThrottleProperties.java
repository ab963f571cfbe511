package org.drugsandcrime.blog.admin.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sign-in slows down guessing. Nothing is ever locked: past a few failures each further attempt waits,
 * {@code firstDelay} after the last one, doubling with each failure up to {@code maxDelay}.
 *
 * @param perAccount failures of one account from one client address before its attempts wait
 * @param perAddress failures from one client address over all accounts (credential stuffing) before its
 * attempts wait; an account that signed in from that address before is spared this one
 * @param firstDelay the first wait, doubled with every further failure
 * @param maxDelay the longest wait between two attempts
 * @param forgetAfter a run of failures is forgotten this long after it began: the key starts again from nothing
 * (and its row is deleted once it saw no attempt for as long)
 * @param trustFor how long a successful sign-in spares that account and client address the client-wide delay
 * @param cleanupInterval how often each admin process deletes the rows {@code forgetAfter} has made useless
 */
@ConfigurationProperties("blog.admin.login-throttle")
record LoginThrottleProperties(int perAccount, int perAddress, Duration firstDelay, Duration maxDelay,
		Duration forgetAfter, Duration trustFor, Duration cleanupInterval) {

	LoginThrottleProperties {
		perAccount = perAccount <= 0 ? 5 : perAccount;
		perAddress = perAddress <= 0 ? 30 : perAddress;
		firstDelay = positive(firstDelay, Duration.ofSeconds(1));
		maxDelay = positive(maxDelay, Duration.ofMinutes(15));
		forgetAfter = positive(forgetAfter, Duration.ofHours(24));
		trustFor = positive(trustFor, Duration.ofDays(30));
		cleanupInterval = positive(cleanupInterval, Duration.ofHours(1));
	}

	private static Duration positive(Duration value, Duration otherwise) {
		return value == null || value.isNegative() || value.isZero() ? otherwise : value;
	}
}
