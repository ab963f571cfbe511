package org.drugsandcrime.blog.admin.wordpress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.drugsandcrime.blog.core.database.DatabaseLocation;
import org.drugsandcrime.blog.wordpress.importing.ImportReport;
import org.drugsandcrime.blog.wordpress.importing.ImportRequest;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;

/**
 * {@code java -jar blog-admin.jar import-wordpress <export.xml> [--uploads=<folder or .zip>]}: a large site moves in
 * from the command line, the file read where it lies. Spring starts with blog-core and blog-wordpress only, against
 * the database the apps use (the same {@code BLOG_DB_*} settings): no web server, no portal, so no scheduled
 * publishing, and the mail sender off, so an import never mails anyone. A bar on standard error follows the import;
 * the report goes to standard output. Exit code 0 when the import finished, 1 with one line saying why when not.
 */
public final class WordPressCommandLine {

	public static final String IMPORT = "import-wordpress";

	static final String USAGE = "Usage: java -jar blog-admin.jar " + IMPORT + " <export.xml> [--uploads=<folder or .zip>]";

	/**
	 * What an import from the command line must not do besides importing (mail, demo content), and a quiet log for
	 * the bar. Given as command-line settings, which outrank the {@code BLOG_*} defaults of the apps' YAML.
	 */
	static final Map<String, String> SETTINGS = Map.of("blog.mail.sender.enabled", "false", "blog.demo.content", "false",
			"blog.demo.generate-posts", "0", "spring.main.banner-mode", "off", "logging.level.root", "WARN",
			"logging.level.org.flywaydb", "ERROR");

	private WordPressCommandLine() {
	}

	/** Whether the arguments ask for a command rather than the portal. */
	public static boolean handles(String[] args) {
		return args.length > 0 && IMPORT.equals(args[0]);
	}

	/** Runs the command; answers the process's exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Arguments arguments;
		try {
			arguments = Arguments.read(args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			return 1;
		}
		ConfigurableApplicationContext context;
		try {
			SpringApplication application = new SpringApplication(Importing.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setLogStartupInfo(false);
			DatabaseLocation.applyTo(application);
			context = application.run(arguments.spring().toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			err.println("Could not start: " + rootMessage(ex));
			return 1;
		}
		try (context) {
			TerminalProgress bar = new TerminalProgress(err, System.console() != null);
			ImportReport report;
			try {
				report = context.getBean(WordPressImport.class)
					.run(new ImportRequest(arguments.export(), null, arguments.uploads(), null), bar)
					.block();
			}
			finally {
				bar.finish();
			}
			print(out, arguments.export(), report);
			return 0;
		}
		catch (RuntimeException ex) {
			err.println("The import stopped: " + rootMessage(ex));
			return 1;
		}
	}

	static void print(PrintStream out, Path export, ImportReport report) {
		ReportView view = ReportView.of(report == null ? new ImportReport(List.of(), List.of(), List.of(), 0) : report);
		out.println("Imported " + export.getFileName() + ".");
		String format = "%-14s %10s %10s %13s %10s%n";
		out.printf(Locale.UK, format, "", "In the file", "Imported", "There before", "Skipped");
		for (ReportView.CountRow row : view.counts()) {
			out.printf(Locale.UK, format, row.type(), row.inFile(), row.imported(), row.already(), row.skipped());
		}
		notes(out, "Skipped", view.skipped());
		notes(out, "Warnings", view.warnings());
		if (view.leftOut() != null) {
			out.println(view.leftOut());
		}
		out.flush();
	}

	private static void notes(PrintStream out, String heading, List<ReportView.NoteGroup> groups) {
		if (groups.isEmpty()) {
			return;
		}
		out.println();
		out.println(heading + ":");
		for (ReportView.NoteGroup group : groups) {
			out.println("  " + group.heading() + " (" + group.size() + ")");
			for (ReportView.NoteRow note : group.notes()) {
				out.println("    " + note.item() + ": " + note.detail());
			}
		}
	}

	/** The message staff can act on: the innermost one, which says what was wrong rather than where it surfaced. */
	static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		return message.lines().findFirst().orElse(message);
	}

	/** The command's arguments: the export, the uploads, and settings for Spring ({@code --blog.db.url=...}). */
	record Arguments(Path export, Path uploads, List<String> spring) {

		static Arguments read(String[] args) {
			Path export = null;
			Path uploads = null;
			List<String> spring = new ArrayList<>();
			for (int i = 1; i < args.length; i++) {
				String arg = args[i];
				if (arg.startsWith("--uploads=")) {
					uploads = Path.of(arg.substring("--uploads=".length()));
				}
				else if (arg.startsWith("--")) {
					spring.add(arg);
				}
				else if (export == null) {
					export = Path.of(arg);
				}
				else {
					throw new IllegalArgumentException("One export at a time: " + arg + " is one too many. " + USAGE);
				}
			}
			if (export == null) {
				throw new IllegalArgumentException(USAGE);
			}
			if (!Files.isRegularFile(export) || !Files.isReadable(export)) {
				throw new IllegalArgumentException("No export to read at " + export.toAbsolutePath() + ". " + USAGE);
			}
			if (uploads != null && !Files.isDirectory(uploads) && !Files.isRegularFile(uploads)) {
				throw new IllegalArgumentException("No uploads folder or .zip at " + uploads.toAbsolutePath() + ".");
			}
			SETTINGS.forEach((name, value) -> {
				if (spring.stream().noneMatch(given -> given.startsWith("--" + name + "="))) {
					spring.add("--" + name + "=" + value);
				}
			});
			return new Arguments(export, uploads, spring);
		}
	}

	/**
	 * blog-core and blog-wordpress alone: the portal's screens, security and scheduled publishing stay out. Not a
	 * configuration class itself, so neither the portal's component scan nor a test's search for one finds it.
	 */
	@EnableAutoConfiguration
	@AutoConfigurationPackage(basePackages = { "org.drugsandcrime.blog.core", "org.drugsandcrime.blog.wordpress" })
	@ComponentScan({ "org.drugsandcrime.blog.core", "org.drugsandcrime.blog.wordpress" })
	@ConfigurationPropertiesScan({ "org.drugsandcrime.blog.core", "org.drugsandcrime.blog.wordpress" })
	static class Importing {
	}
}
