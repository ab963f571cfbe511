package org.drugsandcrime.blog.core.subscription;

import java.util.List;

/**
 * What an import of a list did.
 *
 * @param rows the rows read, the header not counted
 * @param confirmed stored as confirmed (the list said they had confirmed)
 * @param unconfirmed stored as waiting for confirmation; nobody is mailed until staff ask
 * @param alreadyThere addresses the blog had already (or that came twice in the file), left as they were
 * @param invalid rows not imported
 * @param rejected the first {@link SubscriberImport#REJECTIONS_LISTED} of them, each with its line and why
 */
public record SubscriberImportReport(long rows, long confirmed, long unconfirmed, long alreadyThere, long invalid,
		List<Rejection> rejected) {

	public SubscriberImportReport {
		rejected = List.copyOf(rejected);
	}

	public long imported() {
		return confirmed + unconfirmed;
	}

	/** A row of the file that was not imported: the line it is on (1 is the first line of the file) and why. */
	public record Rejection(long line, String reason) {
	}
}
