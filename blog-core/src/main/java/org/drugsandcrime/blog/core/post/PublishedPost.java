package org.drugsandcrime.blog.core.post;

import java.time.Instant;
import java.util.List;

/** Everything the post page shows of a post, read in one query. */
public record PublishedPost(long id, String guid, String slug, String title, String excerpt, String bodyHtml,
		String seoDescription, String coverImage, Instant publishedAt, Instant updatedAt, int readingMinutes,
		boolean featured, AuthorCard author, List<Label> categories, List<Label> tags, SeriesBox series) {

	/** What search engines and link previews show: the SEO description staff wrote, else the excerpt. */
	public String description() {
		return seoDescription != null && !seoDescription.isBlank() ? seoDescription : excerpt;
	}
}
