package org.drugsandcrime.blog.web.site;

import java.util.List;

import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.core.post.PostSummary;
import org.drugsandcrime.blog.core.time.SiteTime;

/** A post in a list (home, archives, search, related posts), ready to lay out. */
public record PostCard(String url, String title, String excerpt, String date, String isoDate, String authorName,
		String authorUrl, List<Label> categories, boolean featured, String coverImage, int readingMinutes) {

	public static PostCard of(PostSummary post, SiteTime time) {
		return new PostCard("/posts/" + post.slug(), post.title(), post.excerpt(), time.date(post.publishedAt()),
				time.iso(post.publishedAt()), post.authorName(), "/author/" + post.authorSlug(), post.categories(),
				post.featured(), post.coverImage(), post.readingMinutes());
	}

	public static List<PostCard> of(List<PostSummary> posts, SiteTime time) {
		return posts.stream().map(post -> of(post, time)).toList();
	}
}
