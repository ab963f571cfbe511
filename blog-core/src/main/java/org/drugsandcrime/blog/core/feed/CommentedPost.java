package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/** The published post a comment feed belongs to. */
public record CommentedPost(long id, String guid, String slug, String title, Instant publishedAt) {
}
