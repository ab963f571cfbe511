package org.drugsandcrime.blog.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real WordPress export the import is proved on: written by WordPress 6.1's Tools → Export (WXR 1.2), 50 posts,
 * 2 pages, 129 threaded comments, Gutenberg blocks and {@code [caption]}s. A copy of the project's reference sample,
 * kept once here for every module's tests (on the class path as {@value #RESOURCE}).
 */
public final class WordPressSample {

	public static final String RESOURCE = "/wordpress/sample-50.wxr";

	public static final String FILE_NAME = "sample-50.wxr";

	private WordPressSample() {
	}

	public static InputStream open() {
		InputStream in = WordPressSample.class.getResourceAsStream(RESOURCE);
		if (in == null) {
			throw new IllegalStateException(RESOURCE + " is not on the class path");
		}
		return in;
	}

	public static byte[] bytes() {
		try (InputStream in = open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The sample as a file named {@value #FILE_NAME} in {@code folder}, for what imports from a path. */
	public static Path copyTo(Path folder) {
		try (InputStream in = open()) {
			Path file = folder.resolve(FILE_NAME);
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The sample as a file in a folder of its own, removed when the JVM ends. */
	public static Path file() {
		try {
			Path folder = Files.createTempDirectory("wordpress-sample");
			Path file = copyTo(folder);
			file.toFile().deleteOnExit();
			folder.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
