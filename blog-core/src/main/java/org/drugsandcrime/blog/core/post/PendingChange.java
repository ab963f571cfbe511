package org.drugsandcrime.blog.core.post;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.drugsandcrime.blog.core.render.Slugs;

/**
 * An author's edit of a live post, kept aside until an editor approves or rejects it: every field of the editor, as the
 * author last saved them. {@code submittedBy} and {@code submittedAt} say who and when (null before it is stored).
 */
public record PendingChange(long postId, String title, String slug, String bodyMarkdown, String excerpt,
		List<String> categories, List<String> tags, String series, Integer seriesPosition, boolean featured,
		String coverImage, String seoDescription, String submittedBy, Instant submittedAt) {

	public PendingChange {
		categories = categories == null ? List.of() : List.copyOf(categories);
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** The draft as checked by the editor's rules (title stripped, cover as it would be stored). */
	static PendingChange of(long postId, PostDraft draft, String title, String cover) {
		return new PendingChange(postId, title, text(draft.slug()).strip(), text(draft.bodyMarkdown()),
				text(draft.excerpt()).strip(), draft.categories(), draft.tags(), text(draft.series()).strip(),
				draft.seriesPosition(), draft.featured(), cover, blankToNull(draft.seoDescription()), null, null);
	}

	/** The change as an edit of the post, written by the post's author. */
	public PostDraft toDraft(long authorId) {
		return new PostDraft(postId, title, slug, bodyMarkdown, excerpt, categories, tags, series, seriesPosition, featured,
				coverImage, seoDescription, authorId);
	}

	/** Whether saving this would leave the post as it is (names of terms compared as their addresses are). */
	boolean sameAs(Post post, List<String> postCategories, List<String> postTags, String postSeries) {
		return title.equals(post.getTitle()) && (slug.isBlank() || Slugs.fromTitle(slug, "post").equals(post.getSlug()))
				&& bodyMarkdown.equals(text(post.getBodyMarkdown()))
				&& excerpt.equals(post.isCustomExcerpt() ? text(post.getExcerpt()).strip() : "")
				&& featured == post.isFeatured() && Objects.equals(coverImage, post.getCoverImage())
				&& Objects.equals(seoDescription, post.getSeoDescription()) && slugs(categories).equals(slugs(postCategories))
				&& slugs(tags).equals(slugs(postTags)) && slugs(List.of(series)).equals(slugs(List.of(text(postSeries))))
				&& (series.isBlank() || Objects.equals(seriesPosition, post.getSeriesPosition()));
	}

	private static Set<String> slugs(List<String> names) {
		return names.stream().filter(name -> name != null && !name.isBlank()).map(name -> Slugs.fromTitle(name, "untitled"))
			.collect(Collectors.toSet());
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
