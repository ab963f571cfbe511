package org.drugsandcrime.blog.admin.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a signed-in session lasts, in memory or in Redis alike.
 *
 * @param idleTimeout a session not used for this long ends (the store forgets it)
 * @param absoluteTimeout a session ends this long after its sign-in, however busy it has been
 */
@ConfigurationProperties("blog.admin.sessions")
record SessionProperties(Duration idleTimeout, Duration absoluteTimeout) {

	SessionProperties {
		idleTimeout = idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero() ? Duration.ofMinutes(30)
				: idleTimeout;
		absoluteTimeout = absoluteTimeout == null || absoluteTimeout.isNegative() || absoluteTimeout.isZero()
				? Duration.ofHours(12) : absoluteTimeout;
	}
}
