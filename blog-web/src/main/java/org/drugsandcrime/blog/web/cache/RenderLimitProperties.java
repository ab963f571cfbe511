package org.drugsandcrime.blog.web.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many pages one client may have rendered for it ({@code blog.web.render-limit.*}): requests the page
 * cache cannot answer, such as searches, 404s and the first request after a change. Answers from the cache are
 * never counted.
 *
 * @param perMinute renders one client address may cause in a minute, as a steady rate with a burst of as many;
 * 0 turns the limit off. Generous by default: a reader clicks a few pages a minute, a polite crawler one a second
 */
@ConfigurationProperties("blog.web.render-limit")
record RenderLimitProperties(@DefaultValue("120") int perMinute) {

	RenderLimitProperties {
		if (perMinute < 0) {
			throw new IllegalArgumentException("blog.web.render-limit.per-minute must be 0 (no limit) or more, not " + perMinute);
		}
	}
}
