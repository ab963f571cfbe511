package org.drugsandcrime.blog.admin.wordpress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.drugsandcrime.blog.wordpress.importing.ImportProgress;
import org.drugsandcrime.blog.wordpress.importing.ImportReport;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Count;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Note;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's own parts, without a database: what it refuses before starting anything (one line, exit code
 * 1), its progress bar on a terminal and in a log, and the report it prints. blog-e2e runs the packaged jar on the
 * sample.
 */
class CommandLineTests {

	@TempDir
	Path folder;

	@Test
	void onlyItsOwnFirstArgumentIsACommand() {
		assertThat(WordPressCommandLine.handles(new String[] { "import-wordpress", "x.xml" })).isTrue();
		assertThat(WordPressCommandLine.handles(new String[] {})).isFalse();
		assertThat(WordPressCommandLine.handles(new String[] { "--server.port=9000" })).isFalse();
	}

	@Test
	void noFileOrAMissingOneIsOneLineAndExitCodeOne() {
		assertRefused(new String[] { "import-wordpress" }, "Usage: java -jar blog-admin.jar import-wordpress <export.xml>");
		assertRefused(new String[] { "import-wordpress", folder.resolve("missing.xml").toString() }, "No export to read at ");
	}

	@Test
	void aMissingUploadsFolderOrTwoExportsAreRefused() throws IOException {
		Path export = Files.writeString(folder.resolve("export.xml"), "<rss/>");
		assertRefused(new String[] { "import-wordpress", export.toString(), "--uploads=" + folder.resolve("nowhere") },
				"No uploads folder or .zip at ");
		assertRefused(new String[] { "import-wordpress", export.toString(), export.toString() }, "One export at a time");
	}

	@Test
	void theCommandsOwnSettingsTurnMailAndDemoContentOffUnlessGivenOtherwise() throws IOException {
		Path export = Files.writeString(folder.resolve("export.xml"), "<rss/>");
		var arguments = WordPressCommandLine.Arguments.read(new String[] { "import-wordpress", export.toString(),
				"--blog.db.url=postgresql://db/blog", "--logging.level.root=INFO" });
		assertThat(arguments.export()).isEqualTo(export);
		assertThat(arguments.uploads()).isNull();
		assertThat(arguments.spring()).contains("--blog.db.url=postgresql://db/blog", "--blog.mail.sender.enabled=false",
				"--blog.demo.content=false", "--logging.level.root=INFO").doesNotContain("--logging.level.root=WARN");
	}

	@Test
	void onATerminalTheBarIsRedrawnInPlace() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		TerminalProgress bar = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
		bar.accept(new ImportProgress(0, 1000, 0, "Reading the file"));
		bar.accept(new ImportProgress(500, 1000, 20, "Posts and comments"));
		bar.accept(new ImportProgress(1000, 1000, 40, "Done"));
		bar.finish();
		String out = bytes.toString(StandardCharsets.UTF_8);
		assertThat(out).startsWith("\r[" + ".".repeat(30) + "]   0%").contains("\r[" + "#".repeat(15) + ".".repeat(15) + "]  50%")
			.contains("\r[" + "#".repeat(30) + "] 100%").contains("40 items  Done").endsWith(System.lineSeparator());
		assertThat(out.chars().filter(c -> c == '\n').count()).as("line ends").isEqualTo(1);
	}

	@Test
	void inALogALineIsWrittenForEachTenthOfTheFile() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		TerminalProgress bar = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
		for (long read = 0; read <= 1000; read += 25) {
			bar.accept(new ImportProgress(read, 1000, read / 10, "Posts and comments"));
		}
		bar.finish();
		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(11).allSatisfy(line -> assertThat(line).doesNotContain("\r"));
		assertThat(lines.get(0)).startsWith("  0%");
		assertThat(lines.get(10)).startsWith("100%").contains("100 items");
	}

	@Test
	void theReportIsPrintedInTheWordsOfTheRunsPage() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImportReport report = new ImportReport(List.of(new Count("posts", 50, 48, 0, 2), new Count("comments", 129, 129, 0, 0)),
				List.of(new Note(Reason.TRASHED, "post 7 “Old news”", "In the trash in WordPress")),
				List.of(new Note(Reason.UNKNOWN_SHORTCODE, "post 9 “Footnotes”", "[footnote]")), 3);
		WordPressCommandLine.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), Path.of("sample.xml"), report);
		String out = bytes.toString(StandardCharsets.UTF_8);
		assertThat(out).contains("Imported sample.xml.").containsPattern("Posts\\s+50\\s+48\\s+0\\s+2")
			.containsPattern("Comments\\s+129\\s+129\\s+0\\s+0").contains("Skipped:", "In WordPress's trash (1)",
					"post 7 “Old news”: In the trash in WordPress", "Warnings:", "Unknown shortcode kept as text (1)",
					"Another 3 notes are left out");
	}

	private static void assertRefused(String[] args, String message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = WordPressCommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(code).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(message).doesNotContain("Exception").hasLineCount(1);
	}
}
