package org.drugsandcrime.blog.core.feed;

import java.time.Instant;
import java.util.List;

/** The archives whose feeds list a post, and the state of the post that a change left behind. */
public record PostFeeds(long postId, String slug, boolean visible, Instant updatedAt, List<String> categorySlugs,
		List<String> tagSlugs, String authorSlug, String seriesSlug) {
}
