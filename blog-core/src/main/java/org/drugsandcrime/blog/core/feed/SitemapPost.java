package org.drugsandcrime.blog.core.feed;

import java.time.Instant;
import java.util.List;

/** A post's entry in a sitemap: its address, when it last changed and the images it shows (cover first). */
public record SitemapPost(long id, String slug, Instant publishedAt, Instant updatedAt, List<String> images) {
}
