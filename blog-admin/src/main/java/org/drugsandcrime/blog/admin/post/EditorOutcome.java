package org.drugsandcrime.blog.admin.post;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened to the post open in the editor ({@code /posts/{id}/edit}). */
enum EditorOutcome implements Outcome {

	SAVED(Notice.success("Saved.")),
	PUBLISHED(Notice.success("Published.")),
	SCHEDULED(Notice.success("Scheduled.")),
	UNPUBLISHED(Notice.success("Taken off the site.")),
	SUBMITTED(Notice.success("Submitted: an editor will review it.")),
	RESTORED(Notice.success("The revision is back; the text it replaced is kept as a revision."));

	private final Notice notice;

	EditorOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
