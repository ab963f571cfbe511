package org.drugsandcrime.blog.admin.post;

import java.time.Instant;
import java.util.List;

import org.drugsandcrime.blog.core.post.Post;

/** Everything the editor page shows, finished: field values as text and what the buttons may do. */
record EditorView(Long id, String title, String slug, String body, String excerpt, String categories, String tags,
		String series, String seriesPosition, boolean featured, String coverImage, String seoDescription, String state,
		String publicUrl, Instant publishedAt, boolean mayPublish, long revisionCount, boolean waitingForReview) {

	static EditorView empty(boolean mayPublish) {
		return new EditorView(null, "", "", "", "", "", "", "", "", false, "", "", "draft", null, null, mayPublish, 0, false);
	}

	static EditorView of(Post post, List<String> categories, List<String> tags, String series, String state,
			String publicUrl, boolean mayPublish, long revisionCount) {
		return new EditorView(post.getId(), post.getTitle(), post.getSlug(), post.getBodyMarkdown(),
				post.isCustomExcerpt() ? post.getExcerpt() : "", String.join(", ", categories), String.join(", ", tags),
				series, post.getSeriesPosition() == null ? "" : post.getSeriesPosition().toString(), post.isFeatured(),
				post.getCoverImage() == null ? "" : post.getCoverImage(),
				post.getSeoDescription() == null ? "" : post.getSeoDescription(), state, publicUrl, post.getPublishedAt(),
				mayPublish, revisionCount, false);
	}

	EditorView waitingForReview(boolean waiting) {
		return new EditorView(id, title, slug, body, excerpt, categories, tags, series, seriesPosition, featured, coverImage,
				seoDescription, state, publicUrl, publishedAt, mayPublish, revisionCount, waiting);
	}

	/** The form as submitted, shown again with a message when it could not be saved. */
	static EditorView of(Long id, PostForm form, String state, String publicUrl, Instant publishedAt, boolean mayPublish,
			long revisionCount) {
		return new EditorView(id, text(form.title()), text(form.slug()), text(form.body()), text(form.excerpt()),
				text(form.categories()), text(form.tags()), text(form.series()), text(form.seriesPosition()),
				"on".equals(form.featured()) || "true".equals(form.featured()), text(form.coverImage()),
				text(form.seoDescription()), state, publicUrl, publishedAt, mayPublish, revisionCount, false);
	}

	public boolean isNew() {
		return id == null;
	}

	public boolean isLive() {
		return "published".equals(state);
	}

	public boolean isScheduled() {
		return "scheduled".equals(state);
	}

	/** Editors may trash any post they have open; authors (who cannot publish) only their drafts. */
	public boolean mayTrash() {
		return id != null && (mayPublish || "draft".equals(state));
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}
}
