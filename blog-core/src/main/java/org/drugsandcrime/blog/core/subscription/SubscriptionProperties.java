package org.drugsandcrime.blog.core.subscription;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits that keep the subscription form from being used to mail strangers.
 *
 * @param confirmationExpiry how long a confirmation link works
 * @param firstResendAfter the least time between two confirmation mails to one address; it doubles with each
 * further unconfirmed mail, up to a day
 * @param pendingPerClient how many unconfirmed subscriptions one client address may ask for in a day
 */
@ConfigurationProperties("blog.subscription")
public record SubscriptionProperties(Duration confirmationExpiry, Duration firstResendAfter, Integer pendingPerClient) {

	public SubscriptionProperties {
		confirmationExpiry = confirmationExpiry == null ? Duration.ofHours(48) : confirmationExpiry;
		firstResendAfter = firstResendAfter == null ? Duration.ofMinutes(10) : firstResendAfter;
		pendingPerClient = pendingPerClient == null ? 5 : pendingPerClient;
	}

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
