package org.drugsandcrime.blog.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.render.Slugs;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Stores uploaded images under the media directory. What a file is comes from its first bytes, never from
 * its name; the size limit is counted while the bytes stream in, so an oversized upload stops at the limit.
 * Bytes go to a temporary file beside the final one and are moved into place atomically once accepted, so
 * a refused or broken upload leaves nothing behind. An image is deleted only when no post or page uses it.
 */
@Service
public class MediaLibrary {

	static final String ACCEPTED = "Upload a PNG, JPEG, GIF or WebP image.";

	private final MediaRepository media;

	private final MediaProperties properties;

	private final Clock clock;

	private final DatabaseClient database;

	MediaLibrary(MediaRepository media, MediaProperties properties, Clock clock, DatabaseClient database) {
		this.media = media;
		this.properties = properties;
		this.clock = clock;
		this.database = database;
	}

	/**
	 * The titles of the posts and pages (any state) whose Markdown or cover names this image's address, at most
	 * {@code limit}: an image still in use is not deleted, or readers would meet a broken picture.
	 */
	private Flux<String> usedBy(Media image, int limit) {
		return database.sql("""
				SELECT title FROM (
				    SELECT title FROM posts WHERE strpos(body_markdown, :path) > 0 OR strpos(coalesce(cover_image, ''), :path) > 0
				    UNION ALL
				    SELECT title FROM pages WHERE strpos(body_markdown, :path) > 0) used
				ORDER BY title LIMIT :limit""")
			.bind("path", "/media/" + image.fileName())
			.bind("limit", limit)
			.map((row, meta) -> row.get("title", String.class))
			.all();
	}

	/**
	 * Removes the image's record and then its file. Refused with {@link MediaInUseException} while a post or page
	 * uses it.
	 */
	public Mono<Media> delete(Media image) {
		return usedBy(image, 5).collectList().flatMap(titles -> titles.isEmpty()
				? media.delete(image).then(deleteQuietly(properties.dir().resolve(image.fileName()))).thenReturn(image)
				: Mono.error(new MediaInUseException(titles)));
	}

	/** An image that posts or pages still show. */
	public static class MediaInUseException extends InvalidMediaException {

		MediaInUseException(java.util.List<String> titles) {
			super("Still used by " + titles.stream().map(title -> "“" + title + "”")
				.collect(java.util.stream.Collectors.joining(", ")) + ": take it out of those first.");
		}
	}

	public long maxBytes() {
		return properties.maxUploadSize().toBytes();
	}

	public Mono<Media> store(String originalName, Flux<DataBuffer> content, Long uploaderId, String altText) {
		long limit = maxBytes();
		String name = originalName == null || originalName.isBlank() ? "image" : Path.of(originalName.replace('\\', '/'))
			.getFileName()
			.toString();
		return Mono.fromCallable(() -> {
			Files.createDirectories(properties.dir());
			return Files.createTempFile(properties.dir(), ".upload-", ".part");
		}).subscribeOn(Schedulers.boundedElastic()).flatMap(temp -> {
			AtomicLong size = new AtomicLong();
			Flux<DataBuffer> counted = content.doOnNext(buffer -> {
				if (size.addAndGet(buffer.readableByteCount()) > limit) {
					DataBufferUtils.release(buffer);
					throw new InvalidMediaException("The file is larger than " + megabytes(limit)
							+ ": images may be at most " + megabytes(limit) + ".");
				}
			});
			return DataBufferUtils.write(counted, temp, StandardOpenOption.WRITE)
				.then(Mono.fromCallable(() -> accept(temp, name, size.get())).subscribeOn(Schedulers.boundedElastic()))
				.flatMap(accepted -> media
					.save(new Media(null, accepted.fileName(), shorten(name), accepted.type().contentType, accepted.size(),
							accepted.width(), accepted.height(), altText == null ? "" : shorten(altText.strip()),
							uploaderId, clock.instant()))
					.onErrorResume(ex -> deleteQuietly(properties.dir().resolve(accepted.fileName())).then(Mono.error(ex))))
				.onErrorResume(ex -> deleteQuietly(temp).then(Mono.error(ex)));
		});
	}

	/** Checks the stored bytes and moves them to their final name; runs on a thread that may block. */
	private Accepted accept(Path temp, String originalName, long size) throws IOException {
		if (size == 0) {
			throw new InvalidMediaException("The file is empty. " + ACCEPTED);
		}
		byte[] head = new byte[1024];
		int read;
		try (InputStream in = Files.newInputStream(temp)) {
			read = in.readNBytes(head, 0, head.length);
		}
		ImageType type = ImageType.sniff(head, read);
		if (type == null) {
			if (looksLikeSvg(head, read)) {
				throw new InvalidMediaException("SVG images are not accepted: they can carry scripts that would run on "
						+ "the public site. " + ACCEPTED);
			}
			throw new InvalidMediaException("“" + originalName + "” is not an image we accept, whatever its name says. "
					+ ACCEPTED);
		}
		Integer width = null;
		Integer height = null;
		try (ImageInputStream in = ImageIO.createImageInputStream(temp.toFile())) {
			Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
			if (readers.hasNext()) {
				ImageReader reader = readers.next();
				try {
					reader.setInput(in);
					width = reader.getWidth(0);
					height = reader.getHeight(0);
				}
				catch (IOException ex) {
					throw new InvalidMediaException("“" + originalName + "” starts like a " + type.label
							+ " image but cannot be read as one. " + ACCEPTED);
				}
				finally {
					reader.dispose();
				}
			}
		}
		String base = Slugs.fromTitle(originalName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", ""), "image");
		if (base.length() > 60) {
			base = base.substring(0, 60);
		}
		String fileName = base + "-" + UUID.randomUUID().toString().substring(0, 8) + "." + type.extension;
		Files.move(temp, properties.dir().resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
		return new Accepted(fileName, type, size, width, height);
	}

	private static boolean looksLikeSvg(byte[] head, int read) {
		String start = new String(head, 0, Math.max(0, read), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
		return start.contains("<svg") || (start.stripLeading().startsWith("<?xml") && start.contains("svg"));
	}

	private static Mono<Void> deleteQuietly(Path path) {
		return Mono.fromRunnable(() -> {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ignored) {
				// A leftover .part file is hidden and harmless; the next upload does not reuse its name.
			}
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	private static String megabytes(long bytes) {
		return (bytes % (1024 * 1024) == 0 ? Long.toString(bytes / (1024 * 1024)) : String.format(Locale.ROOT, "%.1f",
				bytes / (1024.0 * 1024))) + " MB";
	}

	private static String shorten(String text) {
		return text.length() > 200 ? text.substring(0, 200) : text;
	}

	private record Accepted(String fileName, ImageType type, long size, Integer width, Integer height) {
	}

	/** The image formats browsers show everywhere, told apart by their magic bytes. */
	enum ImageType {

		PNG("image/png", "png", "PNG"), JPEG("image/jpeg", "jpg", "JPEG"), GIF("image/gif", "gif", "GIF"),
		WEBP("image/webp", "webp", "WebP");

		final String contentType;

		final String extension;

		final String label;

		ImageType(String contentType, String extension, String label) {
			this.contentType = contentType;
			this.extension = extension;
			this.label = label;
		}

		static ImageType sniff(byte[] b, int n) {
			if (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
					&& b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
				return PNG;
			}
			if (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
				return JPEG;
			}
			if (n >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9')
					&& b[5] == 'a') {
				return GIF;
			}
			if (n >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
					&& b[10] == 'B' && b[11] == 'P') {
				return WEBP;
			}
			return null;
		}
	}
}
