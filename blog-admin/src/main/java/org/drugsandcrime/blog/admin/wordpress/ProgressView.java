package org.drugsandcrime.blog.admin.wordpress;

import java.util.Locale;

import org.drugsandcrime.blog.wordpress.importing.ImportProgress;
import org.drugsandcrime.blog.wordpress.importing.ImportRun;

/**
 * How far an import has come, as the run's page shows it and as its script polls it
 * ({@code GET /wordpress/imports/{id}/progress}): the state, the bytes of the file read (for the {@code <progress>}
 * bar), the items written, the stage, and the same in words.
 *
 * @param state {@code running}, {@code finished} or {@code failed}
 * @param percent of the file read, 0 to 100 (100 once finished)
 * @param barValue what the bar shows as done, and {@code barMax} its end: both null while the size is not known,
 *        which leaves the bar moving without a figure
 */
record ProgressView(long id, String state, long bytesRead, long totalBytes, int percent, Long barValue, Long barMax,
		long itemsDone, String stage, String words, String failure) {

	static final String RUNNING = "running";

	static final String FINISHED = "finished";

	static final String FAILED = "failed";

	static ProgressView of(ImportRun run) {
		ImportProgress progress = run.progress() == null ? new ImportProgress(0, 0, 0, "") : run.progress();
		String state = state(run);
		long total = Math.max(0, progress.totalBytes());
		long read = Math.min(Math.max(0, progress.bytesRead()), total == 0 ? Long.MAX_VALUE : total);
		int percent = FINISHED.equals(state) ? 100 : total == 0 ? 0 : (int) Math.min(100, read * 100 / total);
		String stage = progress.stage() == null ? "" : progress.stage();
		boolean ended = !RUNNING.equals(state);
		Long barMax = ended ? Long.valueOf(Math.max(1, total)) : total > 0 ? Long.valueOf(total) : null;
		Long barValue = FINISHED.equals(state) ? barMax : barMax == null ? null : Long.valueOf(Math.min(read, barMax));
		return new ProgressView(run.id(), state, read, total, percent, barValue, barMax, Math.max(0, progress.itemsDone()), stage,
				words(state, read, total, progress.itemsDone(), stage), run.failure());
	}

	static String state(ImportRun run) {
		return switch (run.state()) {
			case RUNNING -> RUNNING;
			case FINISHED -> FINISHED;
			case FAILED -> FAILED;
		};
	}

	public boolean running() {
		return RUNNING.equals(state);
	}

	public boolean failed() {
		return FAILED.equals(state);
	}

	private static String words(String state, long read, long total, long items, String stage) {
		String file = megabytes(read) + " of " + megabytes(total) + " MB read";
		String written = items == 1 ? "1 item written" : String.format(Locale.UK, "%,d items written", items);
		String done = switch (state) {
			case FINISHED -> "Finished";
			case FAILED -> "Stopped";
			default -> stage.isBlank() ? "Working" : stage.substring(0, 1).toUpperCase(Locale.ROOT) + stage.substring(1);
		};
		return done + ": " + file + ", " + written + ".";
	}

	static String megabytes(long bytes) {
		return String.format(Locale.UK, "%,.1f", bytes / (1024.0 * 1024.0));
	}
}
