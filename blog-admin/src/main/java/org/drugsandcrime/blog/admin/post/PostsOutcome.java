package org.drugsandcrime.blog.admin.post;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on the posts list ({@code /posts}, its trash included). Counts come with {@code &n=}. */
enum PostsOutcome implements Outcome {

	TRASHED,
	RESTORED,
	DELETED,
	EMPTIED,
	PUBLISHED,
	UNPUBLISHED,
	TRASHED_MANY,
	CATEGORY_SET,
	NONE_TICKED;

	@Override
	public Notice notice(long count) {
		return switch (this) {
			case TRASHED -> Notice.success("Moved to the trash: it is off the site, and can be restored from the trash.");
			case RESTORED -> Notice.success("Restored from the trash, as it was before.");
			case DELETED -> Notice.success("Deleted for good, with its comments and revisions.");
			case EMPTIED -> Notice.success("Trash emptied: " + Notice.count(count, "post", "posts") + " deleted for good.");
			case PUBLISHED -> Notice.success(Notice.count(count, "post", "posts") + " published.");
			case UNPUBLISHED -> Notice.success(Notice.count(count, "post", "posts") + " taken off the site.");
			case TRASHED_MANY -> Notice.success(Notice.count(count, "post", "posts") + " moved to the trash.");
			case CATEGORY_SET -> Notice.success("Category set on " + Notice.count(count, "post", "posts") + ".");
			case NONE_TICKED -> Notice.error("Tick the posts to work on first.");
		};
	}
}
