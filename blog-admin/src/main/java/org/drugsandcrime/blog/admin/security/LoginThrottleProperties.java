package org.drugsandcrime.blog.admin.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many failed sign-ins are allowed before further attempts are refused for a while.
 *
 * @param perAccount failures for one email address within {@code window} before it is throttled
 * @param perAddress failures from one client address within {@code window} (many accounts tried from one place)
 * @param window how far back failures count
 */
@ConfigurationProperties("blog.admin.login-throttle")
record LoginThrottleProperties(int perAccount, int perAddress, Duration window) {

	LoginThrottleProperties {
		perAccount = perAccount <= 0 ? 5 : perAccount;
		perAddress = perAddress <= 0 ? 30 : perAddress;
		window = window == null ? Duration.ofMinutes(1) : window;
	}
}
