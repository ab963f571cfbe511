package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/** A post recent enough for the news sitemap. */
public record NewsPost(String slug, String title, Instant publishedAt) {
}
