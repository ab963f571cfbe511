package org.drugsandcrime.blog.core.subscription;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits that keep the subscription form from being used to mail strangers. The guard against mail-bombing
 * one address is the per-recipient back-off: whoever asks, and from however many networks, an address gets its
 * confirmation mails ever further apart. The per-client limits only bound how many different strangers one
 * network can have mailed, so they are set high enough for an office, a library or a mobile carrier's NAT where
 * many readers share one address.
 *
 * @param confirmationExpiry how long a confirmation link works
 * @param firstResendAfter the least time between two confirmation mails to one address; it doubles with each
 * further unconfirmed mail, up to a day (at most 8 mails to one address on its first day, then one a day)
 * @param pendingPerClient how many unconfirmed subscriptions one client address may ask for in a day (100: a
 * whole office subscribing after one newsletter; those confirmed stop counting)
 * @param postsPerClient how often one client address may send the form within {@code postsWindow}, whatever the
 * outcome, before it is asked to wait (200: an office's readers, typos and second tries included)
 * @param postsWindow the window {@code postsPerClient} counts in
 */
@ConfigurationProperties("blog.subscription")
public record SubscriptionProperties(Duration confirmationExpiry, Duration firstResendAfter, Integer pendingPerClient,
		Integer postsPerClient, Duration postsWindow) {

	public SubscriptionProperties {
		confirmationExpiry = confirmationExpiry == null ? Duration.ofHours(48) : confirmationExpiry;
		firstResendAfter = firstResendAfter == null ? Duration.ofMinutes(10) : firstResendAfter;
		pendingPerClient = pendingPerClient == null ? 100 : pendingPerClient;
		postsPerClient = postsPerClient == null ? 200 : postsPerClient;
		postsWindow = postsWindow == null ? Duration.ofMinutes(10) : postsWindow;
	}

	/** How far back unconfirmed subscriptions count against {@link #pendingPerClient()}. */
	static final Duration PENDING_WINDOW = Duration.ofDays(1);

	/** The wait before another confirmation mail to an address that has had {@code sends} unconfirmed ones. */
	Duration resendAfter(int sends) {
		Duration wait = firstResendAfter;
		Duration day = Duration.ofDays(1);
		for (int i = 1; i < sends && wait.compareTo(day) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(day) > 0 ? day : wait;
	}
}
