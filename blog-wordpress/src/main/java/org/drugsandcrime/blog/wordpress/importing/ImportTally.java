package org.drugsandcrime.blog.wordpress.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.drugsandcrime.blog.wordpress.importing.ImportReport.Count;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Note;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;

/**
 * A run's report as it grows: counts for the whole run, and the notes of the batch being written, handed to that
 * batch's transaction and then forgotten. The next batch is sorted while one is committed, so it is synchronised; a
 * skip noted while sorting may go with the transaction of the batch before.
 */
final class ImportTally {

	static final String AUTHORS = "authors";

	static final String CATEGORIES = "categories";

	static final String TAGS = "tags";

	static final String OTHER_TERMS = "other terms";

	static final String POSTS = "posts";

	static final String PAGES = "pages";

	static final String ATTACHMENTS = "attachments";

	static final String COMMENTS = "comments";

	static final String OTHER_ITEMS = "other items";

	private static final List<String> ORDER = List.of(AUTHORS, CATEGORIES, TAGS, OTHER_TERMS, POSTS, PAGES,
			ATTACHMENTS, COMMENTS, OTHER_ITEMS);

	private final Map<String, long[]> counts = new LinkedHashMap<>();

	private final EnumMap<Reason, Long> notesByReason = new EnumMap<>(Reason.class);

	private long leftOut;

	private List<ImportRuns.StoredNote> batchNotes = new ArrayList<>();

	ImportTally() {
		for (String type : ORDER) {
			counts.put(type, new long[4]);
		}
	}

	synchronized void inFile(String type) {
		counts.get(type)[0]++;
	}

	synchronized void imported(String type) {
		counts.get(type)[1]++;
	}

	synchronized void already(String type) {
		counts.get(type)[2]++;
	}

	synchronized void skipped(String type, Reason reason, String item, String detail) {
		counts.get(type)[3]++;
		note(true, reason, item, detail);
	}

	synchronized void warn(Reason reason, String item, String detail) {
		note(false, reason, item, detail);
	}

	private void note(boolean skipped, Reason reason, String item, String detail) {
		long kept = notesByReason.merge(reason, 1L, Long::sum);
		if (kept > ImportReport.NOTES_PER_REASON) {
			leftOut++;
			return;
		}
		batchNotes.add(new ImportRuns.StoredNote(skipped, new Note(reason, item, detail == null ? "" : detail)));
	}

	/** The notes of the batch being written; the next batch starts with none. */
	synchronized List<ImportRuns.StoredNote> takeBatchNotes() {
		List<ImportRuns.StoredNote> taken = batchNotes;
		batchNotes = new ArrayList<>();
		return taken;
	}

	synchronized long leftOut() {
		return leftOut;
	}

	/** The types the file held, or that this run touched, in the file's order. */
	synchronized List<Count> counts() {
		List<Count> list = new ArrayList<>();
		counts.forEach((type, c) -> {
			if (c[0] + c[1] + c[2] + c[3] > 0) {
				list.add(new Count(type, c[0], c[1], c[2], c[3]));
			}
		});
		return list;
	}
}
