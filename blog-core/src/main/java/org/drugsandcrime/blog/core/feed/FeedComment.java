package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/** An approved comment in a post's comment feed; the body is plain text. */
public record FeedComment(long id, String authorName, String authorWebsite, String body, Instant createdAt) {
}
