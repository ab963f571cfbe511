package org.drugsandcrime.blog.admin.comment;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on the moderation queue ({@code /comments}). */
enum CommentsOutcome implements Outcome {

	/** Approved, marked as spam, trashed or sent back to pending; the count says how many. */
	MODERATED,
	REPLIED,
	EDITED;

	@Override
	public Notice notice(long count) {
		return switch (this) {
			case MODERATED -> Notice.success(Notice.count(count, "comment", "comments") + " moderated.");
			case REPLIED -> Notice.success("Your reply is on the site.");
			case EDITED -> Notice.success("The comment's new text is on the site.");
		};
	}
}
