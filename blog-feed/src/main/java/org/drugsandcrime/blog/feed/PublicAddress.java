package org.drugsandcrime.blog.feed;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public site's absolute address ({@code BLOG_BASE_URL}), which every link in a feed or sitemap starts with.
 */
@ConfigurationProperties("blog")
public record PublicAddress(URI baseUrl) {
}
