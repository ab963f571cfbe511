package org.drugsandcrime.blog.core.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.drugsandcrime.blog.core.media.MediaLibrary.ImageType;

/**
 * Takes out of an image what a camera or an editor wrote about it, not the picture: EXIF (with its GPS position,
 * camera serial numbers, the owner's name), XMP, IPTC, comments, text chunks, trailing data. Done by rewriting the
 * file's structure, never by decoding and encoding the pixels, so the picture stays exactly as it was.
 * <p>
 * What stays: in a JPEG, its JFIF header, its ICC colour profile (APP2) and Adobe colour-transform marker (APP14),
 * and its EXIF orientation as a new EXIF segment holding nothing else, so a photo shot upright on a phone is still
 * shown upright; in a PNG, the chunks about colour, transparency, pixel size and animation; in a WebP, everything but
 * its EXIF and XMP chunks; in a GIF, everything but comments and application blocks other than the looping one.
 */
final class ImageMetadata {

	/** PNG chunks other than the critical ones that say how to show the picture; any other ancillary chunk goes. */
	private static final Set<String> PNG_KEPT = Set.of("tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs",
			"hIST", "sPLT", "acTL", "fcTL", "fdAT", "cICP", "mDCv", "cLLI");

	private ImageMetadata() {
	}

	/** The image without its metadata; {@link MalformedImageException} when its structure cannot be followed. */
	static byte[] strip(ImageType type, byte[] image) {
		try {
			return switch (type) {
				case JPEG -> jpeg(image);
				case PNG -> png(image);
				case WEBP -> webp(image);
				case GIF -> gif(image);
			};
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			throw new MalformedImageException("it ends in the middle of a block");
		}
	}

	/** The structure of an image file does not hold together; the message says where, for staff. */
	static final class MalformedImageException extends RuntimeException {

		MalformedImageException(String message) {
			super(message);
		}
	}

	private static byte[] jpeg(byte[] b) {
		int n = b.length;
		if (n < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) {
			throw new MalformedImageException("it does not start like a JPEG");
		}
		ByteArrayOutputStream head = new ByteArrayOutputStream(n);
		ByteArrayOutputStream rest = new ByteArrayOutputStream(n);
		int orientation = 1;
		boolean afterJfif = false;
		int pos = 2;
		while (true) {
			if (pos + 1 >= n || u8(b, pos) != 0xFF) {
				throw new MalformedImageException("a JPEG segment is not where one should start");
			}
			while (u8(b, pos + 1) == 0xFF) {
				pos++;
			}
			int marker = u8(b, pos + 1);
			if (marker == 0xD9) {
				rest.write(b, pos, 2);
				break;
			}
			if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
				rest.write(b, pos, 2);
				pos += 2;
				continue;
			}
			int length = u16be(b, pos + 2);
			int end = pos + 2 + length;
			if (length < 2 || end > n) {
				throw new MalformedImageException("a JPEG segment is longer than the file");
			}
			boolean keep;
			if (marker == 0xE0) {
				keep = startsWith(b, pos + 4, end, "JFIF\0");
				afterJfif = keep && rest.size() == 0;
			}
			else if (marker == 0xE1) {
				if (startsWith(b, pos + 4, end, "Exif\0\0")) {
					orientation = orientation(b, pos + 10, end);
				}
				keep = false;
			}
			else if (marker == 0xE2) {
				keep = startsWith(b, pos + 4, end, "ICC_PROFILE\0");
			}
			else if (marker == 0xEE) {
				keep = startsWith(b, pos + 4, end, "Adobe");
			}
			else {
				// Other APPn (IPTC in APP13, maker data) and comments (COM) are metadata; the rest is the picture.
				keep = !(marker >= 0xE3 && marker <= 0xEF) && marker != 0xFE;
			}
			ByteArrayOutputStream into = afterJfif && marker == 0xE0 ? head : rest;
			if (keep) {
				into.write(b, pos, end - pos);
			}
			pos = end;
			if (marker == 0xDA) {
				// Entropy-coded data runs to the next marker that is not a stuffed byte or a restart.
				int start = pos;
				while (pos + 1 < n && !(u8(b, pos) == 0xFF && u8(b, pos + 1) != 0x00
						&& !(u8(b, pos + 1) >= 0xD0 && u8(b, pos + 1) <= 0xD7) && u8(b, pos + 1) != 0xFF)) {
					pos++;
				}
				if (pos + 1 >= n) {
					throw new MalformedImageException("the JPEG ends inside its picture data");
				}
				rest.write(b, start, pos - start);
			}
		}
		// Anything after the end marker (a second picture, a maker's trailer) is not part of the picture shown.
		ByteArrayOutputStream out = new ByteArrayOutputStream(n);
		out.write(0xFF);
		out.write(0xD8);
		out.writeBytes(head.toByteArray());
		if (orientation != 1) {
			out.writeBytes(orientationOnly(orientation));
		}
		out.writeBytes(rest.toByteArray());
		return out.toByteArray();
	}

	/** The orientation tag (0x0112) of IFD0 in the TIFF structure at {@code tiff}; 1 (upright) when absent or odd. */
	private static int orientation(byte[] b, int tiff, int end) {
		try {
			if (tiff + 8 > end) {
				return 1;
			}
			boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
			if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
				return 1;
			}
			long ifd = u32(b, tiff + 4, little);
			if (ifd < 8 || tiff + ifd + 2 > end) {
				return 1;
			}
			int at = (int) (tiff + ifd);
			int entries = u16(b, at, little);
			for (int i = 0; i < entries; i++) {
				int entry = at + 2 + i * 12;
				if (entry + 12 > end) {
					return 1;
				}
				if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) {
					int value = u16(b, entry + 8, little);
					return value >= 1 && value <= 8 ? value : 1;
				}
			}
			return 1;
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			return 1;
		}
	}

	/** An APP1 segment with an EXIF structure holding the orientation and nothing else. */
	private static byte[] orientationOnly(int orientation) {
		return new byte[] { (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
				0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0 };
	}

	private static byte[] png(byte[] b) {
		int n = b.length;
		ByteArrayOutputStream out = new ByteArrayOutputStream(n);
		out.write(b, 0, 8);
		int pos = 8;
		while (true) {
			if (pos + 12 > n) {
				throw new MalformedImageException("the PNG ends before its IEND chunk");
			}
			long length = u32(b, pos, false);
			if (length > n - pos - 12) {
				throw new MalformedImageException("a PNG chunk is longer than the file");
			}
			String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
			int end = pos + 12 + (int) length;
			boolean critical = Character.isUpperCase(type.charAt(0));
			if (critical || PNG_KEPT.contains(type)) {
				out.write(b, pos, end - pos);
			}
			pos = end;
			if (type.equals("IEND")) {
				return out.toByteArray();
			}
		}
	}

	private static byte[] webp(byte[] b) {
		int n = b.length;
		ByteArrayOutputStream chunks = new ByteArrayOutputStream(n);
		int pos = 12;
		int vp8x = -1;
		long declared = u32(b, 4, true);
		int stop = (int) Math.min(n, 8 + declared);
		while (pos + 8 <= stop) {
			String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
			long size = u32(b, pos + 4, true);
			if (size > stop - pos - 8) {
				throw new MalformedImageException("a WebP chunk is longer than the file");
			}
			long padded = Math.min(size + (size & 1), stop - pos - 8);
			int end = pos + 8 + (int) padded;
			if (!type.equals("EXIF") && !type.equals("XMP ")) {
				if (type.equals("VP8X")) {
					vp8x = chunks.size();
				}
				chunks.write(b, pos, end - pos);
			}
			pos = end;
		}
		byte[] body = chunks.toByteArray();
		if (body.length == 0) {
			throw new MalformedImageException("the WebP holds no picture");
		}
		if (vp8x >= 0 && vp8x + 8 < body.length) {
			// The extended header says which chunks follow: EXIF (bit 3) and XMP (bit 2) do not any more.
			body[vp8x + 8] = (byte) (body[vp8x + 8] & ~0x0C);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
		out.writeBytes(new byte[] { 'R', 'I', 'F', 'F' });
		long size = 4L + body.length;
		out.writeBytes(new byte[] { (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24) });
		out.writeBytes(new byte[] { 'W', 'E', 'B', 'P' });
		out.writeBytes(body);
		return out.toByteArray();
	}

	private static byte[] gif(byte[] b) {
		int n = b.length;
		ByteArrayOutputStream out = new ByteArrayOutputStream(n);
		int pos = 13;
		if ((u8(b, 10) & 0x80) != 0) {
			pos += 3 * (1 << ((u8(b, 10) & 0x07) + 1));
		}
		if (pos > n) {
			throw new MalformedImageException("the GIF ends inside its colour table");
		}
		out.write(b, 0, pos);
		while (true) {
			if (pos >= n) {
				throw new MalformedImageException("the GIF ends before its trailer");
			}
			int block = u8(b, pos);
			if (block == 0x3B) {
				out.write(0x3B);
				return out.toByteArray();
			}
			int start = pos;
			boolean keep = true;
			if (block == 0x21) {
				int label = u8(b, pos + 1);
				if (label == 0xFE) {
					keep = false;
				}
				else if (label == 0xFF) {
					keep = u8(b, pos + 2) == 11 && (startsWith(b, pos + 3, n, "NETSCAPE2.0")
							|| startsWith(b, pos + 3, n, "ANIMEXTS1.0"));
				}
				pos = subBlocks(b, pos + 2);
			}
			else if (block == 0x2C) {
				int packed = u8(b, pos + 9);
				pos += 10;
				if ((packed & 0x80) != 0) {
					pos += 3 * (1 << ((packed & 0x07) + 1));
				}
				pos = subBlocks(b, pos + 1);
			}
			else {
				throw new MalformedImageException("the GIF has a block of an unknown kind");
			}
			if (keep) {
				out.write(b, start, pos - start);
			}
		}
	}

	/** The position after the sub-blocks starting at {@code pos} and their zero-length terminator. */
	private static int subBlocks(byte[] b, int pos) {
		while (true) {
			int size = u8(b, pos);
			pos += 1 + size;
			if (size == 0) {
				return pos;
			}
			if (pos > b.length) {
				throw new MalformedImageException("the GIF ends inside a block");
			}
		}
	}

	private static boolean startsWith(byte[] b, int from, int end, String prefix) {
		if (from + prefix.length() > end) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (b[from + i] != (byte) prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static int u8(byte[] b, int at) {
		return b[at] & 0xFF;
	}

	private static int u16be(byte[] b, int at) {
		return (u8(b, at) << 8) | u8(b, at + 1);
	}

	private static int u16(byte[] b, int at, boolean little) {
		return little ? u8(b, at) | (u8(b, at + 1) << 8) : u16be(b, at);
	}

	private static long u32(byte[] b, int at, boolean little) {
		return little ? (u8(b, at) | (u8(b, at + 1) << 8) | (u8(b, at + 2) << 16) | ((long) u8(b, at + 3) << 24))
				: (((long) u8(b, at) << 24) | (u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3));
	}

	/** Width and height from a WebP's first picture chunk (no reader for WebP comes with Java); null when unreadable. */
	static int[] webpSize(byte[] b, int n) {
		if (n < 30) {
			return null;
		}
		String type = new String(b, 12, 4, StandardCharsets.ISO_8859_1);
		int data = 20;
		switch (type) {
			case "VP8X" -> {
				int width = 1 + (u8(b, data + 4) | (u8(b, data + 5) << 8) | (u8(b, data + 6) << 16));
				int height = 1 + (u8(b, data + 7) | (u8(b, data + 8) << 8) | (u8(b, data + 9) << 16));
				return new int[] { width, height };
			}
			case "VP8 " -> {
				if (u8(b, data + 3) != 0x9D || u8(b, data + 4) != 0x01 || u8(b, data + 5) != 0x2A) {
					return null;
				}
				return new int[] { u16(b, data + 6, true) & 0x3FFF, u16(b, data + 8, true) & 0x3FFF };
			}
			case "VP8L" -> {
				if (u8(b, data) != 0x2F) {
					return null;
				}
				long bits = u32(b, data + 1, true);
				return new int[] { (int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1 };
			}
			default -> {
				return null;
			}
		}
	}
}
