package org.drugsandcrime.blog.core.post;

import java.util.List;

/**
 * One page of a list of posts. Whether a next page exists comes from fetching one row more than shown,
 * not from counting the archive, so the cost does not grow with it.
 */
public record PostPage(List<PostSummary> posts, int page, boolean hasNext) {

	public boolean hasPrevious() {
		return page > 1;
	}
}
