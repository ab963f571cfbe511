package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/**
 * What a feed or sitemap was made from, in a few numbers read without making it: equal stamps mean equal
 * documents. {@code fingerprint} is stable across processes (it holds no process-local state), so every
 * blog-web process gives a document the same validators.
 */
public record FeedStamp(Instant lastModified, String fingerprint) {
}
