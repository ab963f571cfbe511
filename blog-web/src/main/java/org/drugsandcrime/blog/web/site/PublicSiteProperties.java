package org.drugsandcrime.blog.web.site;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where readers find the site.
 *
 * @param baseUrl the public site's absolute URL ({@code BLOG_BASE_URL}), used in canonical links, OpenGraph tags
 * and JSON-LD
 */
@ConfigurationProperties("blog")
public record PublicSiteProperties(String baseUrl) {

	public PublicSiteProperties {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080"
				: baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}
}
