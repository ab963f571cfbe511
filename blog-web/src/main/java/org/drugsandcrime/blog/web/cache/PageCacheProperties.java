package org.drugsandcrime.blog.web.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The rendered-page cache of the public site ({@code blog.web.cache.*}).
 *
 * @param enabled whether pages, feeds and sitemaps are kept after the first request
 * @param maxSize the most bytes of response bodies kept in memory
 * @param maxEntrySize the largest single response kept (larger ones are streamed every time)
 * @param maxAge how long a response is kept at most even when nothing changes: some documents change with the
 * clock alone (the news sitemap's two-day window, "last updated" dates)
 */
@ConfigurationProperties("blog.web.cache")
record PageCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("64MB") DataSize maxSize,
		@DefaultValue("12MB") DataSize maxEntrySize, @DefaultValue("10m") Duration maxAge) {
}
