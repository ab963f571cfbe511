package org.drugsandcrime.blog.core.post;

import java.util.List;

/**
 * What staff submit from the editor. {@code id} is null for a new post; a blank {@code slug} keeps the
 * current one or derives one from the title; a blank {@code excerpt} lets the body supply it.
 */
public record PostDraft(Long id, String title, String slug, String bodyMarkdown, String excerpt,
		List<String> categories, List<String> tags, String series, Integer seriesPosition, boolean featured,
		String coverImage, String seoDescription, long authorId) {

	public PostDraft {
		categories = categories == null ? List.of() : List.copyOf(categories);
		tags = tags == null ? List.of() : List.copyOf(tags);
	}
}
