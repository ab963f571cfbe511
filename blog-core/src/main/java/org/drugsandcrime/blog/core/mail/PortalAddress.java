package org.drugsandcrime.blog.core.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff portal's absolute address ({@code BLOG_ADMIN_URL}), for the links in mail to staff. Both apps send
 * mail, so the public site's process needs it too, although it never serves the portal.
 *
 * @param baseUrl the admin portal's absolute URL
 */
@ConfigurationProperties("blog.admin")
record PortalAddress(String baseUrl) {

	PortalAddress {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8081"
				: baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The moderation queue's pending tab. */
	String moderationQueue() {
		return baseUrl + "/comments?status=pending";
	}

	/** The page of a single-use link to set a password; opening it changes nothing, the form on it does. */
	String setPassword(String token) {
		return baseUrl + "/password/set?token=" + token;
	}

	String login() {
		return baseUrl + "/login";
	}
}
