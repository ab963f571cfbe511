package org.drugsandcrime.blog.admin.page;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened to the page open in the editor ({@code /pages/{id}/edit}). */
enum PageEditorOutcome implements Outcome {

	SAVED(Notice.success("Saved."));

	private final Notice notice;

	PageEditorOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
