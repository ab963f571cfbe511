package org.drugsandcrime.blog.admin.settings;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /settings}. */
enum SettingsOutcome implements Outcome {

	SAVED(Notice.success("Saved; the public site shows it within seconds."));

	private final Notice notice;

	SettingsOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
