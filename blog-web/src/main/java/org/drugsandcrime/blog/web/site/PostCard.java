package org.drugsandcrime.blog.web.site;

import java.util.List;

import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.core.post.PostSummary;

/** A post in a list (home, archives, search, related posts), ready to lay out. */
public record PostCard(String url, String title, String excerpt, String date, String isoDate, String authorName,
		String authorUrl, List<Label> categories, boolean featured, String coverImage, int readingMinutes) {

	public static PostCard of(PostSummary post) {
		return new PostCard("/posts/" + post.slug(), post.title(), post.excerpt(), Dates.display(post.publishedAt()),
				Dates.iso(post.publishedAt()), post.authorName(), "/author/" + post.authorSlug(), post.categories(),
				post.featured(), post.coverImage(), post.readingMinutes());
	}

	public static List<PostCard> of(List<PostSummary> posts) {
		return posts.stream().map(PostCard::of).toList();
	}
}
