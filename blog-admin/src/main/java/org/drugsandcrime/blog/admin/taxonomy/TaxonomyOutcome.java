package org.drugsandcrime.blog.admin.taxonomy;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on a categories, tags or series screen ({@code /taxonomy/{kind}}). */
enum TaxonomyOutcome implements Outcome {

	CREATED(Notice.success("Added.")),
	RENAMED(Notice.success("Renamed; its archive keeps its address.")),
	MERGED(Notice.success("Merged; the old archive address redirects to the new one.")),
	DELETED(Notice.success("Deleted."));

	private final Notice notice;

	TaxonomyOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
