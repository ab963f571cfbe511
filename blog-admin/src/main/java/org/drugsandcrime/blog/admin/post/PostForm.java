package org.drugsandcrime.blog.admin.post;

import java.util.Arrays;
import java.util.List;

import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.PendingChange;
import org.drugsandcrime.blog.core.post.PostAutosaves;
import org.drugsandcrime.blog.core.post.PostDraft;
import org.drugsandcrime.blog.core.time.SiteTime;

/**
 * The editor's fields as the browser sends them: text only, parsed here so that a malformed number or date
 * becomes a message for staff rather than a binding error. Categories and tags are comma-separated.
 */
record PostForm(String title, String slug, String body, String excerpt, String categories, String tags, String series,
		String seriesPosition, String featured, String coverImage, String seoDescription, String publishAt,
		String action) {

	static final int MAX_BODY_LENGTH = 500_000;

	/** The form as it was when autosaved. */
	static PostForm of(PostAutosaves.Fields fields) {
		return new PostForm(fields.title(), fields.slug(), fields.body(), fields.excerpt(), fields.categories(),
				fields.tags(), fields.series(), fields.seriesPosition(), fields.featured() ? "on" : null,
				fields.coverImage(), fields.seoDescription(), null, null);
	}

	/** The form as the author left it when their change of a live post went to review. */
	static PostForm of(PendingChange change) {
		return new PostForm(change.title(), change.slug(), change.bodyMarkdown(), change.excerpt(),
				String.join(", ", change.categories()), String.join(", ", change.tags()), change.series(),
				change.seriesPosition() == null ? "" : change.seriesPosition().toString(), change.featured() ? "on" : null,
				change.coverImage(), change.seoDescription(), null, null);
	}

	PostDraft toDraft(Long id, long authorId) {
		if (body != null && body.length() > MAX_BODY_LENGTH) {
			throw new InvalidPostException("The body is longer than " + MAX_BODY_LENGTH + " characters.");
		}
		return new PostDraft(id, title, slug, body, excerpt, names(categories), names(tags), series, position(),
				"on".equals(featured) || "true".equals(featured), coverImage, seoDescription, authorId);
	}

	/** The time to go live, typed in a datetime-local field ("2026-11-24T12:30" or with seconds) in the site's zone. */
	SiteTime.Reading scheduledTime(SiteTime time) {
		if (publishAt == null || publishAt.isBlank()) {
			throw new InvalidPostException("Choose a date and time to publish at.");
		}
		return time.read(publishAt);
	}

	private Integer position() {
		if (seriesPosition == null || seriesPosition.isBlank()) {
			return null;
		}
		try {
			int value = Integer.parseInt(seriesPosition.strip());
			if (value < 0 || value > 10_000) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new InvalidPostException("The position in the series is a whole number from 0 to 10000.");
		}
	}

	static List<String> names(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return List.of();
		}
		return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
	}
}
