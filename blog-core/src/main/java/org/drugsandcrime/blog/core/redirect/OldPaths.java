package org.drugsandcrime.blog.core.redirect;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one form in which an old address is stored and looked up, so that what WordPress wrote in its export
 * ({@code /2013/05/caf%c3%a9/}), what a browser sends ({@code /2013/05/caf%C3%A9/}) and what a person typed
 * ({@code /2013/05/café/}) all find the same row.
 *
 * <p>The stored form is the readable one, as slugs are stored: escapes of UTF-8 letters become the letters, an
 * escape of an unreserved ASCII character becomes the character (RFC 3986 section 6.2.2), every other escape is
 * written in upper case, and ASCII that may not stand in a path as it is (a space, quotes) is escaped. Reserved
 * characters are never decoded, so {@code %2F} stays a character of a segment and never becomes a separator.
 * The trailing slash is kept as written; lookups try both. {@link #location} writes the ASCII form for a header.
 *
 * <p>WordPress also answers addresses that differ only in their query ({@code /?p=123}, {@code /?cat=3}). Of a
 * query only WordPress's own keys count, in one fixed order, with numeric values as numbers: campaign tags and
 * other noise a link picked up on its travels ({@code ?p=123&utm_source=x}) do not stop it working.
 */
public final class OldPaths {

	/** Longest path or query considered; anything longer is no old address. */
	public static final int MAX_LENGTH = 2000;

	/** WordPress's query keys that name a page on their own, in the order the canonical form writes them. */
	public static final List<String> QUERY_KEYS = List.of("p", "page_id", "attachment_id", "cat", "tag", "author", "m",
			"feed");

	private static final List<String> NUMERIC_KEYS = List.of("p", "page_id", "attachment_id", "cat", "author", "m");

	/** Besides unreserved characters, what a path segment may hold as it is. */
	private static final String ALLOWED = "/!$&'()*+,;=:@";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private OldPaths() {
	}

	/**
	 * The canonical form of a path as it arrived (raw, still percent-encoded) or as it was written, or null when
	 * it cannot be a local path: empty, not starting with one {@code /} ({@code //host} is another site), too long,
	 * or holding control characters or a query.
	 */
	public static String path(String raw) {
		if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || raw.charAt(0) != '/'
				|| raw.startsWith("//") || raw.startsWith("/\\")) {
			return null;
		}
		StringBuilder out = new StringBuilder(raw.length());
		ByteArrayOutputStream run = new ByteArrayOutputStream();
		int i = 0;
		while (i < raw.length()) {
			char c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
				int b = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
				i += 3;
				if (b >= 0x80) {
					run.write(b);
					continue;
				}
				flush(run, out);
				if (unreserved((char) b)) {
					out.append((char) b);
				}
				else {
					escape(out, b);
				}
				continue;
			}
			flush(run, out);
			if (c < 0x20 || c == 0x7f || c == '?' || c == '#') {
				return null;
			}
			if (c >= 0x80) {
				int codePoint = raw.codePointAt(i);
				if (Character.isSurrogate(c) && Character.charCount(codePoint) == 1) {
					return null;
				}
				out.appendCodePoint(codePoint);
				i += Character.charCount(codePoint);
				continue;
			}
			if (unreserved(c) || ALLOWED.indexOf(c) >= 0) {
				out.append(c);
			}
			else {
				escape(out, c);
			}
			i++;
		}
		flush(run, out);
		return out.length() > MAX_LENGTH ? null : out.toString();
	}

	/**
	 * A canonical path as it goes into a {@code Location} header: letters of other scripts written as UTF-8
	 * escapes, as browsers send them, so the header is ASCII whatever the slug. Null when it is no local path, so
	 * that nothing stored can send a reader to another site.
	 */
	public static String location(String path) {
		if (path == null) {
			return null;
		}
		int question = path.indexOf('?');
		String canonical = question < 0 ? path(path) : path(path.substring(0, question));
		if (canonical == null) {
			return null;
		}
		if (question >= 0) {
			String query = path.substring(question);
			if (query.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '#' || c == '\\')) {
				return null;
			}
			canonical += query;
		}
		StringBuilder out = new StringBuilder(canonical.length() + 16);
		canonical.codePoints().forEach(codePoint -> {
			if (codePoint < 0x80) {
				out.append((char) codePoint);
			}
			else {
				for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
					escape(out, b & 0xff);
				}
			}
		});
		return out.toString();
	}

	/**
	 * The canonical form of a query (raw, without the {@code ?}): {@code ?key=value&...} of WordPress's keys in
	 * {@link #QUERY_KEYS} order, or an empty string when it holds none of them or any of their values is not one
	 * WordPress would answer (a {@code p} that is not a number). Only the first of a repeated key counts.
	 */
	public static String query(String raw) {
		if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
			return "";
		}
		String[] values = new String[QUERY_KEYS.size()];
		boolean any = false;
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String key = equals < 0 ? pair : pair.substring(0, equals);
			int index = QUERY_KEYS.indexOf(key);
			if (index < 0 || values[index] != null) {
				continue;
			}
			String value = value(key, equals < 0 ? "" : pair.substring(equals + 1));
			if (value == null) {
				return "";
			}
			values[index] = value;
			any = true;
		}
		if (!any) {
			return "";
		}
		StringBuilder out = new StringBuilder("?");
		for (int i = 0; i < values.length; i++) {
			if (values[i] != null) {
				out.append(out.length() > 1 ? "&" : "").append(QUERY_KEYS.get(i)).append('=').append(values[i]);
			}
		}
		return out.toString();
	}

	/** A path and a query in canonical form, or null when the path cannot be one. */
	public static String of(String rawPath, String rawQuery) {
		String path = path(rawPath);
		return path == null ? null : path + query(rawQuery);
	}

	/** An address written as one string ({@code /blog/?p=123}) in canonical form, or null when it cannot be one. */
	public static String address(String pathAndQuery) {
		if (pathAndQuery == null) {
			return null;
		}
		int question = pathAndQuery.indexOf('?');
		return question < 0 ? path(pathAndQuery)
				: of(pathAndQuery.substring(0, question), pathAndQuery.substring(question + 1));
	}

	/** The same address with and without the trailing slash of its path, the stored form first tried as given. */
	static List<String> withAndWithoutSlash(String canonicalPath, String canonicalQuery) {
		if (canonicalPath.equals("/")) {
			return List.of("/" + canonicalQuery);
		}
		String bare = canonicalPath.endsWith("/") ? canonicalPath.substring(0, canonicalPath.length() - 1) : canonicalPath;
		return List.of(bare + canonicalQuery, bare + "/" + canonicalQuery);
	}

	private static String value(String key, String raw) {
		if (NUMERIC_KEYS.contains(key)) {
			if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
				return null;
			}
			return key.equals("m") ? raw : Long.toString(Long.parseLong(raw));
		}
		// Slugs and feed names are percent-encoded as path segments are.
		String value = path("/" + raw.replace('+', ' '));
		return value == null || value.length() == 1 || value.indexOf('/', 1) >= 0 ? null : value.substring(1);
	}

	/** Escaped bytes of non-ASCII characters become the characters when they are UTF-8, else stay escaped. */
	private static void flush(ByteArrayOutputStream run, StringBuilder out) {
		if (run.size() == 0) {
			return;
		}
		byte[] bytes = run.toByteArray();
		run.reset();
		try {
			out.append(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes)));
		}
		catch (CharacterCodingException notUtf8) {
			for (byte b : bytes) {
				escape(out, b & 0xff);
			}
		}
	}

	private static boolean unreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static int hex(char c) {
		return Character.digit(c, 16);
	}

	private static void escape(StringBuilder out, int b) {
		out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
	}
}
