package org.drugsandcrime.blog.admin.media;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /media}. */
enum MediaOutcome implements Outcome {

	UPLOADED(Notice.success("Uploaded.")),
	DELETED(Notice.success("Deleted."));

	private final Notice notice;

	MediaOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
