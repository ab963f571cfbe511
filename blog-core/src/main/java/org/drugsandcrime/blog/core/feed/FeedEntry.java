package org.drugsandcrime.blog.core.feed;

import java.time.Instant;
import java.util.List;

import org.drugsandcrime.blog.core.post.Label;

/** A published post as a feed carries it: whole body, author, categories and tags. */
public record FeedEntry(long id, String guid, String slug, String title, String excerpt, String bodyHtml,
		Instant publishedAt, Instant updatedAt, String coverImage, String authorSlug, String authorName,
		List<Label> categories, List<Label> tags) {
}
