package org.drugsandcrime.blog.admin.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.media.Media;
import org.drugsandcrime.blog.core.media.MediaLibrary;
import org.drugsandcrime.blog.core.media.MediaProperties;
import org.drugsandcrime.blog.core.media.MediaRepository;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an image must be to be published: not a decompression bomb, nothing about the camera or the place it was
 * taken, and within its uploader's quota.
 */
@PortalTest
class ImageRulesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	MediaRepository media;

	@Autowired
	MediaLibrary library;

	@Autowired
	MediaProperties properties;

	@Autowired
	DatabaseClient database;

	@Autowired
	Clock clock;

	Portal portal;

	StaffUser author;

	@BeforeEach
	void signIn() {
		author = staff.create(Role.AUTHOR);
		portal = Portal.signIn(web, author);
	}

	@Test
	void aSmallPngDeclaringThirtyThousandPixelsSquareIsRefusedUnread() throws IOException {
		byte[] bomb = pngDeclaring(30_000, 30_000);
		assertThat(bomb.length).isLessThan(1024);
		List<Path> before = files();
		upload("bomb.png", bomb).expectStatus().isEqualTo(413).expectBody(String.class)
			.value(html -> assertThat(html).contains("30000 × 30000 pixels (900 megapixels)")
				.contains("at most 50 megapixels"));
		assertThat(files()).isEqualTo(before);
	}

	@Test
	void anImageOfFiftyMegapixelsIsStillAccepted() throws IOException {
		// Declared, not drawn: the rule reads the header, so the size of the file says nothing.
		Media stored = uploaded("large.png", pngDeclaring(10_000, 5_000));
		assertThat(stored.width()).isEqualTo(10_000);
		assertThat(stored.height()).isEqualTo(5_000);
	}

	@Test
	void aPhotosGpsCameraXmpAndCommentAreRemovedItsPictureAndOrientationKept() throws IOException {
		byte[] photo = jpegWithMetadata(6);
		assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("SpyCam 3000").contains("xmpmeta")
			.contains("Home address in a comment").contains("GPS-MARKER");

		Media stored = uploaded("holiday.jpg", photo);

		byte[] kept = Files.readAllBytes(properties.dir().resolve(stored.fileName()));
		String text = new String(kept, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("SpyCam").doesNotContain("xmpmeta").doesNotContain("Home address")
			.doesNotContain("GPS-MARKER").doesNotContain("Photoshop 3.0");
		assertThat(stored.sizeBytes()).isEqualTo(kept.length);
		// The orientation is all that is left of the EXIF, so the photo is still shown the way up it was taken.
		assertThat(kept).containsSubsequence(new byte[] { 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01,
				0x12, 0, 3, 0, 0, 0, 1, 0, 6 });
		// Not encoded again: the very same pixels.
		assertThat(pixels(kept)).isEqualTo(pixels(photo));
	}

	@Test
	void aPngsTextAndExifChunksAreRemoved() throws IOException {
		byte[] png = withChunkAfterHeader(MediaUploadTests.png(20, 10), "tEXt",
				"Author\0Somebody at 51.5072 N, 0.1276 W".getBytes(StandardCharsets.ISO_8859_1));
		Media stored = uploaded("chart.png", png);
		byte[] kept = Files.readAllBytes(properties.dir().resolve(stored.fileName()));
		assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("tEXt").doesNotContain("51.5072");
		assertThat(pixels(kept)).isEqualTo(pixels(png));
	}

	@Test
	void anUploadPastTheAccountsQuotaIsRefusedWithA413AndNothingKept() throws IOException {
		long quota = properties.quotaPerAccount().toBytes();
		database.sql("""
				INSERT INTO media (file_name, original_name, content_type, size_bytes, alt_text, uploaded_by, created_at)
				VALUES (:name, 'earlier.png', 'image/png', :size, '', :user, :at)""")
			.bind("name", "quota-filler-" + System.nanoTime() + ".png")
			.bind("size", quota - 50)
			.bind("user", author.id())
			.bind("at", clock.instant())
			.fetch()
			.rowsUpdated()
			.block();
		List<Path> before = files();
		upload("one-too-many.png", MediaUploadTests.png(8, 8)).expectStatus().isEqualTo(413).expectBody(String.class)
			.value(html -> assertThat(html).contains("of your 1024 MB quota").contains("delete images no post uses"));
		assertThat(files()).isEqualTo(before);
		// An import is not held to the quota.
		Media imported = library.importImage("imported.png", Flux.just(buffer(MediaUploadTests.png(8, 8))), author.id())
			.block();
		assertThat(imported.imported()).isTrue();
	}

	@Test
	void anImportedPhotoLosesItsMetadataToo() throws IOException {
		Media imported = library.importImage("wp-photo.jpg", Flux.just(buffer(jpegWithMetadata(1))), author.id()).block();
		String text = new String(Files.readAllBytes(properties.dir().resolve(imported.fileName())), StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("SpyCam").doesNotContain("GPS-MARKER").doesNotContain("Exif");
	}

	@Test
	void aWebpIsMeasuredByItsOwnHeaderAndLosesItsExif() throws IOException {
		// Java reads no WebP: its header is read by hand. 7680 × 7680 is 59 megapixels.
		upload("huge.webp", webp(7680, 7680, "GPS-MARKER 51.5072 N")).expectStatus().isEqualTo(413)
			.expectBody(String.class).value(html -> assertThat(html).contains("7680 × 7680 pixels (58 megapixels)"));
		Media stored = uploaded("small.webp", webp(640, 480, "GPS-MARKER 51.5072 N"));
		assertThat(stored.width()).isEqualTo(640);
		byte[] kept = Files.readAllBytes(properties.dir().resolve(stored.fileName()));
		assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("GPS-MARKER").doesNotContain("EXIF")
			.contains("VP8L");
		// The extended header no longer announces EXIF, and the RIFF size counts what is left.
		assertThat(kept[20] & 0x08).isZero();
		assertThat(ByteBuffer.wrap(kept, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(kept.length - 8);
	}

	/** The structure of a WebP (extended header, a lossless picture chunk, an EXIF chunk); the picture is not real. */
	static byte[] webp(int width, int height, String exif) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		webpChunk(body, "VP8X", new byte[] { 0x08, 0, 0, 0, (byte) (width - 1), (byte) ((width - 1) >> 8), 0,
				(byte) (height - 1), (byte) ((height - 1) >> 8), 0 });
		webpChunk(body, "VP8L", new byte[] { 0x2F, 0, 0, 0, 0 });
		webpChunk(body, "EXIF", exif.getBytes(StandardCharsets.ISO_8859_1));
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.write("RIFF".getBytes(StandardCharsets.ISO_8859_1));
		file.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4 + body.size()).array());
		file.write("WEBP".getBytes(StandardCharsets.ISO_8859_1));
		file.write(body.toByteArray());
		return file.toByteArray();
	}

	private static void webpChunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		out.write(type.getBytes(StandardCharsets.ISO_8859_1));
		out.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
		out.write(data);
		if ((data.length & 1) == 1) {
			out.write(0);
		}
	}

	private static DataBuffer buffer(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

	/** A PNG of a few hundred bytes whose header declares {@code width} × {@code height} grey pixels. */
	static byte[] pngDeclaring(int width, int height) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a });
		chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
			.put((byte) 0).put((byte) 0).put((byte) 0).array());
		// The start of the rows, all zeros: enough for a header reader, far from the whole picture.
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		deflater.setInput(new byte[4096]);
		deflater.finish();
		byte[] compressed = new byte[1024];
		int length = deflater.deflate(compressed, 0, compressed.length, Deflater.SYNC_FLUSH);
		chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
		out.write(ByteBuffer.allocate(4).putInt(data.length).array());
		out.write(name);
		out.write(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, 33);
		chunk(out, type, data);
		out.write(png, 33, png.length - 33);
		return out.toByteArray();
	}

	/**
	 * A JPEG from ImageIO with what a phone and an editor add after its JFIF header: EXIF with an orientation, a
	 * camera make and a GPS block, XMP, IPTC in a Photoshop segment, and a comment.
	 */
	static byte[] jpegWithMetadata(int orientation) throws IOException {
		BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 24, 32);
		g.setColor(Color.BLUE);
		g.fillOval(20, 4, 20, 20);
		g.dispose();
		ByteArrayOutputStream encoded = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", encoded);
		byte[] plain = encoded.toByteArray();
		int afterApp0 = 2 + 2 + (((plain[4] & 0xff) << 8) | (plain[5] & 0xff));

		// EXIF, big-endian: IFD0 with Make, Orientation and a GPS pointer; a GPS IFD with GPSLatitudeRef and a marker.
		ByteBuffer tiff = ByteBuffer.allocate(128);
		tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8);
		tiff.putShort((short) 3);
		tiff.putShort((short) 0x010F).putShort((short) 2).putInt(12).putInt(50); // Make, at 50
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(62); // GPS IFD, at 62
		tiff.putInt(0);
		tiff.position(50).put("SpyCam 3000\0".getBytes(StandardCharsets.ISO_8859_1));
		tiff.position(62).putShort((short) 2);
		tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 });
		tiff.putShort((short) 0x001B).putShort((short) 7).putInt(10).putInt(100); // GPSProcessingMethod, at 100
		tiff.putInt(0);
		tiff.position(100).put("GPS-MARKER".getBytes(StandardCharsets.ISO_8859_1));
		byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), java.util.Arrays.copyOf(tiff.array(), 110));

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(plain, 0, afterApp0);
		segment(out, 0xE1, exif);
		segment(out, 0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><GPSLatitude>51,30.43N</GPSLatitude></x:xmpmeta>"
			.getBytes(StandardCharsets.ISO_8859_1));
		segment(out, 0xED, "Photoshop 3.0\08BIM IPTC by-line".getBytes(StandardCharsets.ISO_8859_1));
		segment(out, 0xFE, "Home address in a comment".getBytes(StandardCharsets.ISO_8859_1));
		out.write(plain, afterApp0, plain.length - afterApp0);
		return out.toByteArray();
	}

	private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
		out.write(0xFF);
		out.write(marker);
		out.write((data.length + 2) >> 8);
		out.write((data.length + 2) & 0xff);
		out.writeBytes(data);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private static int[] pixels(byte[] image) throws IOException {
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
		return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
	}

	Media uploaded(String name, byte[] content) {
		String location = upload(name, content).expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		return media.findById(Long.parseLong(location.replaceAll("^.*[?&]uploaded=(\\d+).*$", "$1"))).block();
	}

	WebTestClient.ResponseSpec upload(String name, byte[] content) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		parts.part("alt", "A picture");
		parts.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		});
		return portal.postMultipart("/media", parts.build());
	}

	List<Path> files() throws IOException {
		Files.createDirectories(properties.dir());
		try (Stream<Path> listing = Files.list(properties.dir())) {
			return listing.sorted().toList();
		}
	}
}
