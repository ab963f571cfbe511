package org.drugsandcrime.blog.admin.post;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened to the post open in the editor ({@code /posts/{id}/edit}). */
enum EditorOutcome implements Outcome {

	SAVED(Notice.success("Saved.")),
	PUBLISHED(Notice.success("Published.")),
	SCHEDULED(Notice.success("Scheduled.")),
	PUBLISHED_EMAILING(null) {
		@Override
		public Notice notice(long count) {
			return Notice.success("Published; " + Notice.count(count, "subscriber is", "subscribers are") + " being emailed.");
		}
	},
	PUBLISHED_QUIETLY(Notice.success("Published without emailing subscribers.")),
	SCHEDULED_EMAILING(Notice.success("Scheduled; confirmed subscribers will be emailed when it goes live.")),
	SCHEDULED_QUIETLY(Notice.success("Scheduled; subscribers will not be emailed when it goes live.")),
	TEST_MAIL_SENT(Notice.success("A test email is on its way to you, and to no one else.")),
	UNPUBLISHED(Notice.success("Taken off the site.")),
	AUTOSAVE_DISCARDED(Notice.success("The autosaved text is gone; this is the post as last saved.")),
	SUBMITTED(Notice.success("Submitted: an editor will review it.")),
	RESTORED(Notice.success("The revision is back; the text it replaced is kept as a revision.")),
	CHANGES_WAITING(Notice.success("Your changes wait for an editor's review; readers see the post as it was until then.")),
	BACK_TO_REVIEW(Notice.success("Your edit is kept, and the post is no longer scheduled: it waits for an editor's review.")),
	CHANGE_APPROVED(Notice.success("Approved: the post on the site now reads as the author proposed.")),
	CHANGE_REJECTED(Notice.success("Rejected: the post on the site stays as it was.")),
	CHANGE_WITHDRAWN(Notice.success("Your waiting changes are withdrawn."));

	private final Notice notice;

	EditorOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
