package org.drugsandcrime.blog.core.post;

import java.time.Instant;
import java.util.List;

/** A published post in a list: home page, archives, related posts. */
public record PostSummary(long id, String slug, String title, String excerpt, Instant publishedAt, Instant updatedAt,
		String authorSlug, String authorName, List<Label> categories, String coverImage, boolean featured,
		int readingMinutes) {
}
