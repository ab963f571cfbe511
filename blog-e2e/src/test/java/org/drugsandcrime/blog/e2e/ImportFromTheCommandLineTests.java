package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented command, run as operators run it: {@code java -Xmx256m -jar blog-admin.jar import-wordpress} on the
 * sample, against an empty database chosen by {@code BLOG_DB_*}. It prints the report and exits 0; run again it
 * finds everything there already; a file that is not a WordPress export is one line on standard error and exit
 * code 1, no stack trace.
 */
class ImportFromTheCommandLineTests {

	@TempDir
	Path folder;

	@Test
	void theSampleImportsFromTheCommandLineAndASecondRunFindsItAllThere() throws Exception {
		WordPressDatabase database = WordPressDatabase.fresh("cli");
		Result first = importWordPress(database, WordPressDatabase.SAMPLE);
		assertThat(first.code()).as(first.toString()).isZero();
		assertThat(first.out()).contains("Imported sample-50.wxr.").containsPattern("Posts\\s+50\\s+50\\s+0\\s+0")
			.containsPattern("Pages\\s+2\\s+2\\s+0\\s+0").containsPattern("Comments\\s+129\\s+");
		// Not a terminal here: the bar is a line per tenth of the file, ending at 100%.
		assertThat(first.err()).contains("100%").doesNotContain("\r").doesNotContain("Exception");

		Result second = importWordPress(database, WordPressDatabase.SAMPLE);
		assertThat(second.code()).as(second.toString()).isZero();
		assertThat(second.out()).containsPattern("Posts\\s+50\\s+0\\s+50\\s+0");
	}

	@Test
	void aFileThatIsNotAWordPressExportIsOneLineAndExitCodeOne() throws Exception {
		WordPressDatabase database = WordPressDatabase.fresh("cli_bad");
		Path notes = Files.writeString(folder.resolve("notes.xml"), "These are my notes, not an export.\n");
		Result result = importWordPress(database, notes);
		assertThat(result.code()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(result.err().lines().filter(line -> line.startsWith("The import stopped: "))).hasSize(1);

		Result missing = importWordPress(database, folder.resolve("missing.xml"));
		assertThat(missing.code()).isEqualTo(1);
		assertThat(missing.err().strip()).startsWith("No export to read at ").hasLineCount(1);
	}

	record Result(int code, String out, String err) {
	}

	private Result importWordPress(WordPressDatabase database, Path file) throws IOException, InterruptedException {
		Path jar = Path.of(System.getProperty("blog.admin.jar", "../blog-admin/target/blog-admin.jar"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "import-wordpress",
				file.toString()));
		Path out = Files.createTempFile(folder, "out", ".txt");
		Path err = Files.createTempFile(folder, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().keySet().removeIf(key -> key.startsWith("BLOG_"));
		builder.environment().putAll(database.settings());
		builder.environment().putAll(Map.of("BLOG_MEDIA_DIR", folder.resolve("media").toString()));
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("import-wordpress did not end within 5 minutes:\n" + Files.readString(err));
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}
}
