package org.drugsandcrime.blog.admin.layout;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the public site lives, so the portal can link staff to what readers see.
 *
 * @param baseUrl the public site's absolute URL ({@code BLOG_BASE_URL})
 */
@ConfigurationProperties("blog")
public record PublicSite(String baseUrl) {

	public PublicSite {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080"
				: baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	public String url(String path) {
		return baseUrl + path;
	}

	/** Where readers find the post with this slug. */
	public String post(String slug) {
		return url("/posts/" + slug);
	}
}
