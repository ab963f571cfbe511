package org.drugsandcrime.blog.core.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public site's absolute address ({@code BLOG_BASE_URL}), which every link in a mail starts with.
 *
 * @param baseUrl the public site's absolute URL
 */
@ConfigurationProperties("blog")
record MailLinks(String baseUrl) {

	MailLinks {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080"
				: baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	String post(String slug) {
		return baseUrl + "/posts/" + slug;
	}

	String comment(String slug, long commentId) {
		return post(slug) + "#comment-" + commentId;
	}

	String confirm(String token) {
		return baseUrl + "/subscribe/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	String confirmReplies(String token) {
		return baseUrl + "/replies/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	String stopReplies(String token) {
		return baseUrl + "/replies/stop?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	String unsubscribe(String token) {
		return baseUrl + "/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}
}
