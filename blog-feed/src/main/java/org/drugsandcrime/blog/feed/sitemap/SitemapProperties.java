package org.drugsandcrime.blog.feed.sitemap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.drugsandcrime.blog.core.feed.SitemapEntries;

/**
 * Sitemap settings.
 *
 * @param urlsPerSitemap posts in one post sitemap; the sitemaps.org limit (50,000) unless set lower
 */
@ConfigurationProperties("blog.feed.sitemap")
record SitemapProperties(@DefaultValue("50000") int urlsPerSitemap) {

	SitemapProperties {
		if (urlsPerSitemap < 1 || urlsPerSitemap > SitemapEntries.MAX_URLS) {
			throw new IllegalArgumentException("blog.feed.sitemap.urls-per-sitemap must be between 1 and "
					+ SitemapEntries.MAX_URLS + ", not " + urlsPerSitemap);
		}
	}
}
