package org.drugsandcrime.blog.admin.subscriber;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /subscribers}. */
enum SubscribersOutcome implements Outcome {

	REMOVED(Notice.success("Removed.")),
	GONE(Notice.success("That subscriber was already removed.")),
	ASKED(null),
	NOBODY_TO_ASK(Notice.success("Nobody to ask: every imported subscriber has confirmed or has been asked already."));

	private final Notice notice;

	SubscribersOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		if (this == ASKED) {
			return Notice.success("Asked " + Notice.count(count, "imported subscriber", "imported subscribers")
					+ " to confirm; the mails are on their way.");
		}
		return notice;
	}
}
