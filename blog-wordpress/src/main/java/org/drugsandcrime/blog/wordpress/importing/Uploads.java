package org.drugsandcrime.blog.wordpress.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * WordPress's {@code wp-content/uploads} as staff gave it: a folder or a .zip. A file is named by its path below
 * {@code uploads/} ({@code 2019/05/cells.jpg}); the folder or zip may hold {@code uploads} itself, or
 * {@code wp-content}, or the whole site. Blocking: opened and searched on a bounded-elastic thread.
 */
abstract sealed class Uploads implements AutoCloseable {

	private static final int CHUNK = 16 * 1024;

	/** @throws ImportProblem when the path is neither a folder nor a readable zip */
	static Uploads open(Path path) {
		if (Files.isDirectory(path)) {
			return new Folder(path);
		}
		try {
			return new Zip(new ZipFile(path.toFile()));
		}
		catch (IOException ex) {
			throw new ImportProblem("The uploads given (" + path.getFileName()
					+ ") are neither a folder nor a zip that can be read.", ex);
		}
	}

	/** The file's bytes, read on a bounded-elastic thread as they are asked for; empty when there is no such file. */
	abstract Optional<Flux<DataBuffer>> file(String relative);

	@Override
	public abstract void close();

	/** A path below {@code uploads/} that cannot climb out of it. */
	static boolean isSafe(String relative) {
		if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")) {
			return false;
		}
		for (String part : relative.split("/")) {
			if (part.isEmpty() || part.equals(".") || part.equals("..")) {
				return false;
			}
		}
		return true;
	}

	static final class Folder extends Uploads {

		private final Path root;

		Folder(Path root) {
			this.root = root.toAbsolutePath().normalize();
		}

		@Override
		Optional<Flux<DataBuffer>> file(String relative) {
			if (!isSafe(relative)) {
				return Optional.empty();
			}
			for (String prefix : List.of("", "uploads/", "wp-content/uploads/")) {
				Path candidate = root.resolve(prefix + relative).normalize();
				if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
					return Optional.of(DataBufferUtils.read(candidate, DefaultDataBufferFactory.sharedInstance, CHUNK));
				}
			}
			return Optional.empty();
		}

		@Override
		public void close() {
		}
	}

	static final class Zip extends Uploads {

		private final ZipFile zip;

		/** Each file's path below uploads/ to its entry: read once, so looking a file up costs nothing. */
		private final Map<String, String> entries = new HashMap<>();

		Zip(ZipFile zip) {
			this.zip = zip;
			Enumeration<? extends ZipEntry> all = zip.entries();
			while (all.hasMoreElements()) {
				ZipEntry entry = all.nextElement();
				if (entry.isDirectory()) {
					continue;
				}
				String name = entry.getName();
				int uploads = name.lastIndexOf("uploads/");
				String relative = uploads >= 0 && (uploads == 0 || name.charAt(uploads - 1) == '/')
						? name.substring(uploads + "uploads/".length()) : name;
				entries.putIfAbsent(relative, name);
			}
		}

		@Override
		Optional<Flux<DataBuffer>> file(String relative) {
			if (!isSafe(relative)) {
				return Optional.empty();
			}
			String name = entries.get(relative);
			ZipEntry entry = name == null ? null : zip.getEntry(name);
			if (entry == null) {
				return Optional.empty();
			}
			return Optional.of(DataBufferUtils.readInputStream(() -> {
				try {
					return zip.getInputStream(entry);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, DefaultDataBufferFactory.sharedInstance, CHUNK).subscribeOn(Schedulers.boundedElastic()));
		}

		@Override
		public void close() {
			try {
				zip.close();
			}
			catch (IOException ignored) {
				// Read-only: nothing is lost by a failed close.
			}
		}
	}
}
