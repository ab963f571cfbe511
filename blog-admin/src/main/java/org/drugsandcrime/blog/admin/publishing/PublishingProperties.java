package org.drugsandcrime.blog.admin.publishing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often each admin process looks for posts whose scheduled time has come.
 *
 * @param interval the time between two looks
 */
@ConfigurationProperties("blog.admin.publishing")
record PublishingProperties(Duration interval) {

	PublishingProperties {
		interval = interval == null || interval.isNegative() || interval.isZero() ? Duration.ofSeconds(5) : interval;
	}
}
