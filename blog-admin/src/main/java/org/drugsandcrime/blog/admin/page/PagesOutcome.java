package org.drugsandcrime.blog.admin.page;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on the pages list ({@code /pages}, its trash included). */
enum PagesOutcome implements Outcome {

	TRASHED,
	RESTORED,
	DELETED,
	EMPTIED;

	@Override
	public Notice notice(long count) {
		return switch (this) {
			case TRASHED -> Notice.success("Moved to the trash: it is off the site, and can be restored below.");
			case RESTORED -> Notice.success("Restored from the trash, as it was before.");
			case DELETED -> Notice.success("Deleted for good.");
			case EMPTIED -> Notice.success("Trash emptied: " + Notice.count(count, "page", "pages") + " deleted for good.");
		};
	}
}
