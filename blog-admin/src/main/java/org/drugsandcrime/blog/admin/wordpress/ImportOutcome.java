package org.drugsandcrime.blog.admin.wordpress;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on an import's page. */
enum ImportOutcome implements Outcome {

	STARTED(Notice.success("The import has started: this page follows it to the end."));

	private final Notice notice;

	ImportOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
