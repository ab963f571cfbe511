package org.drugsandcrime.blog.admin.outbox;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on the Mail screen ({@code /outbox}). */
enum OutboxOutcome implements Outcome {

	/** Failed mails queued again; the count says how many. */
	RESENT;

	@Override
	public Notice notice(long count) {
		return Notice.success(Notice.count(count, "failed mail", "failed mails") + " queued again.");
	}
}
