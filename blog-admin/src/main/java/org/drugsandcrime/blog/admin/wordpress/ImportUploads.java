package org.drugsandcrime.blog.admin.wordpress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.wordpress.importing.ImportRequest;
import org.drugsandcrime.blog.wordpress.importing.ImportRun;
import org.drugsandcrime.blog.wordpress.importing.ImportState;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Takes an import's upload off the form: the export (and the uploads zip, if staff gave one) copied to a folder of
 * their own on disk, in streams, then handed to {@link WordPressImport#start}, which records the run and reads the
 * files in the background. The folder goes when the upload is refused, or once the run has ended.
 */
@Component
class ImportUploads {

	static final String EXPORT = "file";

	static final String UPLOADS = "uploads";

	private static final byte[] ZIP = { 'P', 'K', 3, 4 };

	private static final Duration WATCH = Duration.ofSeconds(2);

	private final WordPressImport imports;

	ImportUploads(WordPressImport imports) {
		this.imports = imports;
	}

	Mono<ImportRun> start(MultiValueMap<String, Part> parts, Staff staff) {
		FilePart export = chosen(parts.getFirst(EXPORT));
		if (export == null) {
			return Mono.error(new RefusedUpload("Choose the WordPress export file (the .xml from Tools → Export) to import."));
		}
		FilePart uploads = chosen(parts.getFirst(UPLOADS));
		return Mono.fromCallable(() -> Files.createTempDirectory("blog-wordpress-import-"))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(folder -> {
				Path file = folder.resolve("export.xml");
				Path zip = uploads == null ? null : folder.resolve("uploads.zip");
				return export.transferTo(file)
					.then(zip == null ? Mono.empty() : uploads.transferTo(zip))
					.then(Mono.fromRunnable(() -> check(file, zip)).subscribeOn(Schedulers.boundedElastic()))
					.then(Mono.defer(() -> imports.start(new ImportRequest(file, name(export.filename()), zip, staff.id()))))
					.doOnNext(run -> deleteWhenEnded(run.id(), folder))
					.onErrorResume(ex -> delete(folder).then(Mono.error(ex)));
			});
	}

	/**
	 * The run reads the files in the background until it ends, as stored in the database; then they go. A run that
	 * outlives a day, or a process that stops first, leaves them to the system's temporary directory.
	 */
	private void deleteWhenEnded(long runId, Path folder) {
		Flux.interval(WATCH, WATCH)
			.onBackpressureDrop()
			.concatMap(tick -> imports.find(runId), 1)
			.filter(run -> run.state() != ImportState.RUNNING)
			.next()
			.timeout(Duration.ofDays(1))
			.onErrorResume(ex -> Mono.empty())
			.then(delete(folder))
			.subscribe();
	}

	private static FilePart chosen(Part part) {
		return part instanceof FilePart file && !file.filename().isBlank() ? file : null;
	}

	/** The refusals that need no reading of the export: the importer says what is wrong inside it. */
	private static void check(Path export, Path uploads) {
		try {
			if (Files.size(export) == 0) {
				throw new RefusedUpload("The export file is empty: export again from WordPress (Tools → Export → All content).");
			}
			if (uploads != null) {
				byte[] head;
				try (InputStream in = Files.newInputStream(uploads)) {
					head = in.readNBytes(ZIP.length);
				}
				if (!java.util.Arrays.equals(head, ZIP)) {
					throw new RefusedUpload("The uploads file is not a zip: zip the wp-content/uploads folder and send that, "
							+ "or leave it out to keep the images where they are.");
				}
			}
		}
		catch (IOException ex) {
			throw new RefusedUpload("The upload could not be stored: " + ex.getMessage());
		}
	}

	/** The name staff know the file by, without the folders some browsers send with it. */
	static String name(String sent) {
		String name = sent == null ? "" : sent.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		if (name.isEmpty()) {
			return "export.xml";
		}
		return name.length() <= 200 ? name : name.substring(0, 200);
	}

	static Mono<Void> delete(Path folder) {
		return Mono.<Void>fromRunnable(() -> {
			try (Stream<Path> inside = Files.walk(folder)) {
				inside.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ignored) {
				// Left in the temporary directory, where the system clears it.
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}
}
