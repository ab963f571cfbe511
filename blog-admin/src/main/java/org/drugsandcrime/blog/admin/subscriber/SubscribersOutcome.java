package org.drugsandcrime.blog.admin.subscriber;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /subscribers}. */
enum SubscribersOutcome implements Outcome {

	REMOVED(Notice.success("Removed.")),
	GONE(Notice.success("That subscriber was already removed."));

	private final Notice notice;

	SubscribersOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
