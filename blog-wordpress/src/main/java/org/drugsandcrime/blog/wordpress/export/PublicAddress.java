package org.drugsandcrime.blog.wordpress.export;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public site's absolute address ({@code BLOG_BASE_URL}): the export's channel link, its base URLs and every
 * item's link start with it, so a WordPress that imports the file knows where each post lived.
 */
@ConfigurationProperties("blog")
record PublicAddress(String baseUrl) {

	PublicAddress {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080"
				: baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	String post(String slug) {
		return baseUrl + "/posts/" + slug;
	}

	String page(String slug) {
		return baseUrl + "/pages/" + slug;
	}

	/** A page has no guid of its own: this is the form WordPress gives a page's ({@code ?page_id=}), and it never changes. */
	String pageGuid(long id) {
		return baseUrl + "/?page_id=" + id;
	}
}
