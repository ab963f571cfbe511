package org.drugsandcrime.blog.admin.comment;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;
import org.drugsandcrime.blog.core.comment.CommentStatus;

/** What can have happened on {@code /comments}. */
enum ModerationOutcome implements Outcome {

	APPROVED("approved"),
	SPAMMED("marked as spam"),
	TRASHED("moved to the trash"),
	UNAPPROVED("moved back to pending"),
	REPLIED(null) {
		@Override
		public Notice notice(long count) {
			return Notice.success("Your reply is on the site.");
		}
	},
	EDITED(null) {
		@Override
		public Notice notice(long count) {
			return Notice.success("The comment's new text is on the site.");
		}
	},
	NOTHING_TICKED(null) {
		@Override
		public Notice notice(long count) {
			return Notice.error("Nothing changed: tick the comments first.");
		}
	};

	private final String done;

	ModerationOutcome(String done) {
		this.done = done;
	}

	/** "1 comment approved.", "3 comments moved to the trash." */
	@Override
	public Notice notice(long count) {
		return Notice.success(Notice.count(count, "comment", "comments") + " " + done + ".");
	}

	static ModerationOutcome after(CommentStatus target) {
		return switch (target) {
			case APPROVED -> APPROVED;
			case SPAM -> SPAMMED;
			case TRASH -> TRASHED;
			case PENDING -> UNAPPROVED;
		};
	}
}
