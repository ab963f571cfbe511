package org.drugsandcrime.blog.admin.wordpress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

import org.drugsandcrime.blog.wordpress.importing.ImportProgress;

/**
 * The command line's progress bar. On a terminal one line is redrawn in place ({@code \r}); into a file or a pipe
 * (a log, CI) a line is written each time another tenth of the file has been read, so the output stays readable.
 */
final class TerminalProgress implements Consumer<ImportProgress> {

	static final int WIDTH = 30;

	private final PrintStream out;

	private final boolean terminal;

	private int tenthsShown = -1;

	private int lastLength;

	TerminalProgress(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	@Override
	public synchronized void accept(ImportProgress progress) {
		int percent = progress.percent();
		if (terminal) {
			String line = bar(percent) + " " + words(progress);
			// Spaces over what a longer line before left behind.
			out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
			lastLength = line.length();
			out.flush();
			return;
		}
		int tenths = percent / 10;
		if (tenths > tenthsShown) {
			tenthsShown = tenths;
			out.println(words(progress));
			out.flush();
		}
	}

	/** Ends the bar's line, so what follows starts on a line of its own. */
	synchronized void finish() {
		if (terminal && lastLength > 0) {
			out.println();
			out.flush();
		}
	}

	static String bar(int percent) {
		int filled = Math.max(0, Math.min(WIDTH, percent * WIDTH / 100));
		return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
	}

	static String words(ImportProgress progress) {
		String stage = progress.stage() == null || progress.stage().isBlank() ? "" : "  " + progress.stage();
		return String.format(Locale.UK, "%3d%%  %s of %s MB  %,d items%s", progress.percent(),
				ProgressView.megabytes(progress.bytesRead()), ProgressView.megabytes(progress.totalBytes()),
				progress.itemsDone(), stage);
	}
}
