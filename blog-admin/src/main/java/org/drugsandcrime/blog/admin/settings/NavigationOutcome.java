package org.drugsandcrime.blog.admin.settings;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened to the header menu ({@code /navigation}). */
enum NavigationOutcome implements Outcome {

	ADDED(Notice.success("Added to the menu.")),
	MOVED(Notice.success("Moved.")),
	REMOVED(Notice.success("Removed from the menu."));

	private final Notice notice;

	NavigationOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
