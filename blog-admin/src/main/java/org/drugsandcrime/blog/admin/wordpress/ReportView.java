package org.drugsandcrime.blog.admin.wordpress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.drugsandcrime.blog.admin.dashboard.SvgChart;
import org.drugsandcrime.blog.wordpress.importing.ImportReport;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Note;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;

/**
 * An import's report in the words staff read, on the run's page and on the terminal alike: a line per type of thing
 * (in the file, imported, there from before, skipped), the same as a bar chart, and the notes grouped by reason,
 * skipped things apart from warnings.
 *
 * @param chart the counts drawn as bars, an SVG written by {@link SvgChart}, to insert as it is
 * @param leftOut a sentence when notes were left out of the report, else null
 */
record ReportView(List<CountRow> counts, String chart, List<NoteGroup> skipped, List<NoteGroup> warnings, String leftOut) {

	/** One type of thing: the figures, formatted. */
	record CountRow(String type, String inFile, String imported, String already, String skipped) {
	}

	/** The notes of one reason: {@code id} names its section, {@code heading} is the reason in words. */
	record NoteGroup(String id, String heading, int size, List<NoteRow> notes) {
	}

	record NoteRow(String item, String detail) {
	}

	static ReportView of(ImportReport report) {
		List<CountRow> counts = new ArrayList<>();
		List<SvgChart.Point> bars = new ArrayList<>();
		for (ImportReport.Count count : report.counts()) {
			String type = capitalised(count.type());
			counts.add(new CountRow(type, number(count.inFile()), number(count.imported()), number(count.already()),
					number(count.skipped())));
			bars.add(new SvgChart.Point(type, type + ": " + number(count.imported()) + " imported, "
					+ number(count.already()) + " there before, " + number(count.skipped()) + " skipped", count.inFile()));
		}
		String chart = SvgChart.bars(new SvgChart.Data("import-counts", "What the file held",
				"One bar per type of thing, as long as the number the file held; the table gives what became of them.",
				"in the file", bars));
		String leftOut = report.notesLeftOut() <= 0 ? null
				: "Another " + number(report.notesLeftOut()) + " notes are left out: the first "
						+ number(ImportReport.NOTES_PER_REASON) + " of each kind are listed.";
		return new ReportView(counts, chart, groups(report.skipped()), groups(report.warnings()), leftOut);
	}

	private static List<NoteGroup> groups(List<Note> notes) {
		Map<Reason, List<NoteRow>> byReason = new LinkedHashMap<>();
		for (Note note : notes) {
			byReason.computeIfAbsent(note.reason(), reason -> new ArrayList<>()).add(new NoteRow(note.item(), note.detail()));
		}
		return byReason.entrySet().stream()
			.map(group -> new NoteGroup(group.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'),
					group.getKey().words(), group.getValue().size(), List.copyOf(group.getValue())))
			.toList();
	}

	static String number(long value) {
		return String.format(Locale.UK, "%,d", value);
	}

	private static String capitalised(String words) {
		return words == null || words.isEmpty() ? "" : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
	}
}
