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
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Stores uploaded images under the media directory. What a file is comes from its first bytes, never from
 * its name; the size limit is counted while the bytes stream in, so an oversized upload stops at the limit.
 * Bytes go to a temporary file beside the final one and are moved into place atomically once accepted, so
 * a refused or broken upload leaves nothing behind. An image is deleted only when no post or page uses it.
 * <p>
 * Its dimensions are read from its header, never by decoding it, and an image declaring more than
 * {@code blog.media.max-megapixels} is refused (a small file can declare billions of pixels, which every browser
 * showing it must decode). What cameras and editors wrote about it (EXIF with GPS, XMP, IPTC, comments) is taken
 * out before it is stored, without touching the picture ({@link ImageMetadata}). What each member of staff uploads
 * counts against {@code blog.media.quota-per-account}; images a WordPress import stores ({@link #importImage}) obey
 * every other rule but do not count, since an admin importing a site of many years would otherwise be stopped half
 * way, and could not upload anything afterwards.
 */
@Service
public class MediaLibrary {

	static final String ACCEPTED = "Upload a PNG, JPEG, GIF or WebP image.";

	private final MediaRepository media;

	private final MediaProperties properties;

	private final Clock clock;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	MediaLibrary(MediaRepository media, MediaProperties properties, Clock clock, DatabaseClient database,
			TransactionalOperator transaction) {
		this.transaction = transaction;
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

	/** Stores an image a member of staff uploaded, within their quota. */
	public Mono<Media> store(String originalName, Flux<DataBuffer> content, Long uploaderId, String altText) {
		return store(originalName, content, uploaderId, altText, false);
	}

	/** Stores an image of a WordPress import run by {@code importedBy}: every rule but the quota. */
	public Mono<Media> importImage(String originalName, Flux<DataBuffer> content, Long importedBy) {
		return store(originalName, content, importedBy, "", true);
	}

	/** How many bytes of images {@code uploaderId} has uploaded (imports not counted). */
	public Mono<Long> usedBy(long uploaderId) {
		return database.sql("SELECT coalesce(sum(size_bytes), 0) AS used FROM media WHERE uploaded_by = :user AND NOT imported")
			.bind("user", uploaderId)
			.map((row, meta) -> row.get("used", Long.class))
			.one();
	}

	public long quotaBytes() {
		return properties.quotaPerAccount().toBytes();
	}

	private Mono<Media> store(String originalName, Flux<DataBuffer> content, Long uploaderId, String altText,
			boolean imported) {
		long limit = maxBytes();
		String name = originalName == null || originalName.isBlank() ? "image" : Path.of(originalName.replace('\\', '/'))
			.getFileName()
			.toString();
		boolean quota = !imported && uploaderId != null;
		// A full quota is told before a byte is read, not after a long upload.
		Mono<Void> room = quota ? withinQuota(uploaderId, 1) : Mono.empty();
		return room.then(Mono.fromCallable(() -> {
			Files.createDirectories(properties.dir());
			return Files.createTempFile(properties.dir(), ".upload-", ".part");
		}).subscribeOn(Schedulers.boundedElastic())).flatMap(temp -> {
			AtomicLong size = new AtomicLong();
			Flux<DataBuffer> counted = content.doOnNext(buffer -> {
				if (size.addAndGet(buffer.readableByteCount()) > limit) {
					DataBufferUtils.release(buffer);
					throw new ImageTooLargeException("The file is larger than " + megabytes(limit)
							+ ": images may be at most " + megabytes(limit) + ".");
				}
			});
			return DataBufferUtils.write(counted, temp, StandardOpenOption.WRITE)
				.then(Mono.fromCallable(() -> accept(temp, name, size.get())).subscribeOn(Schedulers.boundedElastic()))
				.flatMap(accepted -> (quota ? withinQuota(uploaderId, accepted.size()) : Mono.<Void>empty())
					.then(media.save(new Media(null, accepted.fileName(), shorten(name), accepted.type().contentType,
							accepted.size(), accepted.width(), accepted.height(),
							altText == null ? "" : shorten(altText.strip()), uploaderId, clock.instant(), imported)))
					// One upload at a time per account between the sum and the new row, or two at once could both fit.
					.as(transaction::transactional)
					.onErrorResume(ex -> deleteQuietly(properties.dir().resolve(accepted.fileName())).then(Mono.error(ex))))
				.onErrorResume(ex -> deleteQuietly(temp).then(Mono.error(ex)));
		});
	}

	/**
	 * Refuses with {@link MediaQuotaExceededException} when {@code adding} more bytes would take the uploader past
	 * their quota. In a transaction it holds the uploader's lock until the transaction ends.
	 */
	private Mono<Void> withinQuota(long uploaderId, long adding) {
		long quota = quotaBytes();
		return database.sql("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(:space, :user)) taken")
			.bind("space", QUOTA_LOCKS)
			.bind("user", (int) uploaderId)
			.fetch()
			.first()
			.then(usedBy(uploaderId))
			.flatMap(used -> used + adding <= quota ? Mono.<Void>empty()
					: Mono.error(new MediaQuotaExceededException("Your uploads take " + megabytes(used) + " of your "
							+ megabytes(quota) + " quota" + (adding > 1 ? ", and this image needs " + megabytes(adding) : "")
							+ ": delete images no post uses, or ask an admin to raise blog.media.quota-per-account.")));
	}

	/** The first key of the advisory locks that keep one account's uploads from passing its quota together. */
	private static final int QUOTA_LOCKS = 0x6d656469;

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
		int[] declared = dimensions(temp, head, read, type, originalName);
		long pixels = (long) declared[0] * declared[1];
		long most = properties.maxMegapixels() * 1_000_000L;
		if (pixels > most) {
			throw new ImageTooLargeException("“" + originalName + "” is " + declared[0] + " × " + declared[1] + " pixels ("
					+ (pixels / 1_000_000) + " megapixels): images may be at most " + properties.maxMegapixels()
					+ " megapixels, since every browser that shows one must decode all its pixels. Scale it down and "
					+ "upload it again.");
		}
		byte[] stripped;
		try {
			stripped = ImageMetadata.strip(type, Files.readAllBytes(temp));
		}
		catch (ImageMetadata.MalformedImageException ex) {
			throw new InvalidMediaException("“" + originalName + "” starts like a " + type.label
					+ " image but cannot be read as one (" + ex.getMessage() + "). " + ACCEPTED);
		}
		Files.write(temp, stripped, StandardOpenOption.TRUNCATE_EXISTING);
		Integer width = declared[0];
		Integer height = declared[1];
		String base = Slugs.fromTitle(originalName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", ""), "image");
		if (base.length() > 60) {
			base = base.substring(0, 60);
		}
		String fileName = base + "-" + UUID.randomUUID().toString().substring(0, 8) + "." + type.extension;
		Files.move(temp, properties.dir().resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
		return new Accepted(fileName, type, stripped.length, width, height);
	}

	/**
	 * Width and height as the file declares them, read from its header without decoding a pixel; refused when
	 * there are none to read.
	 */
	private static int[] dimensions(Path file, byte[] head, int read, ImageType type, String originalName)
			throws IOException {
		if (type == ImageType.WEBP) {
			int[] size = ImageMetadata.webpSize(head, read);
			if (size == null) {
				throw unreadable(originalName, type);
			}
			return size;
		}
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw unreadable(originalName, type);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			catch (IOException | RuntimeException ex) {
				throw unreadable(originalName, type);
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static InvalidMediaException unreadable(String originalName, ImageType type) {
		return new InvalidMediaException("“" + originalName + "” starts like a " + type.label
				+ " image but cannot be read as one. " + ACCEPTED);
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
