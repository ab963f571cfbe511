package org.drugsandcrime.blog.admin.page;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on the pages list ({@code /pages}). */
enum PagesOutcome implements Outcome {

	DELETED(Notice.success("Deleted."));

	private final Notice notice;

	PagesOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
