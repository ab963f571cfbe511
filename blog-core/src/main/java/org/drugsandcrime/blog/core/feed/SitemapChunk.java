package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/** One post sitemap of the index: its number (from 1) and the newest update of the posts it lists. */
public record SitemapChunk(int number, Instant lastModified) {
}
