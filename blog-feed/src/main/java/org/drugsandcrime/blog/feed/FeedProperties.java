package org.drugsandcrime.blog.feed;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Feed settings.
 *
 * @param websubHub the WebSub hub the feeds advertise and that is pinged when they change; none by default
 */
@ConfigurationProperties("blog.feed")
public record FeedProperties(URI websubHub) {

	public boolean hasHub() {
		return websubHub != null && !websubHub.toString().isBlank();
	}
}
