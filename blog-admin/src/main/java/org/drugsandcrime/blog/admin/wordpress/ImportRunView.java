package org.drugsandcrime.blog.admin.wordpress;

import java.time.Instant;
import java.util.stream.Collectors;

import org.drugsandcrime.blog.wordpress.importing.ImportRun;

/**
 * One import as its page shows it: where it has got to and, once it ended, its report (a failed run shows what it did
 * before it stopped, and why it stopped).
 *
 * @param report null while the run goes on
 * @param progressHref the small JSON document the page's script polls while the run goes on
 */
record ImportRunView(long id, String fileName, String heading, ProgressView progress, ReportView report,
		Instant startedAt, Instant finishedAt, String href, String progressHref) {

	static ImportRunView of(ImportRun run) {
		ProgressView progress = ProgressView.of(run);
		String heading = switch (progress.state()) {
			case ProgressView.FINISHED -> "Imported " + run.fileName();
			case ProgressView.FAILED -> "The import of " + run.fileName() + " stopped";
			default -> "Importing " + run.fileName();
		};
		return new ImportRunView(run.id(), run.fileName(), heading, progress,
				progress.running() || run.report() == null ? null : ReportView.of(run.report()), run.startedAt(),
				run.finishedAt(), href(run.id()), href(run.id()) + "/progress");
	}

	static String href(long id) {
		return WordPressController.IMPORTS + "/" + id;
	}

	/** A line of the list of recent imports. */
	record Row(long id, String href, String fileName, String state, String summary, Instant startedAt) {

		static Row of(ImportRun run) {
			ProgressView progress = ProgressView.of(run);
			String state = switch (progress.state()) {
				case ProgressView.FINISHED -> "Finished";
				case ProgressView.FAILED -> "Stopped";
				default -> "Running";
			};
			String summary = progress.failed() ? run.failure()
					: run.report() == null || progress.running() ? progress.words()
							: run.report().counts().stream().filter(count -> count.inFile() > 0)
								.map(count -> ReportView.number(count.inFile()) + " " + count.type())
								.collect(Collectors.joining(", ", "", " in the file"));
			return new Row(run.id(), ImportRunView.href(run.id()), run.fileName(), state, summary, run.startedAt());
		}
	}
}
