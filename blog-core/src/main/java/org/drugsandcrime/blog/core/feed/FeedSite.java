package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/** What a feed says about the blog itself; {@code atomId} never changes once minted. */
public record FeedSite(String title, String tagline, String description, Instant updatedAt, String atomId) {
}
