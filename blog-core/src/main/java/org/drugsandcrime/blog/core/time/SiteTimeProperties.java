package org.drugsandcrime.blog.core.time;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timeZone the site's time zone until staff choose another in the settings ({@code BLOG_TIME_ZONE}, a
 * region id such as Europe/London); a name that is not a zone stops the app at start with a message
 */
@ConfigurationProperties("blog.site")
public record SiteTimeProperties(String timeZone) {

	public SiteTimeProperties {
		timeZone = timeZone == null || timeZone.isBlank() ? SiteTime.DEFAULT_ZONE.getId() : timeZone.strip();
		SiteTime.zone(timeZone);
	}

	public SiteTime siteTime() {
		return SiteTime.of(timeZone);
	}
}
