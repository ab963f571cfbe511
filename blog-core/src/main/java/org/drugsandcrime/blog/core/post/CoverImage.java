package org.drugsandcrime.blog.core.post;

import java.util.regex.Pattern;

/**
 * What a post's cover image may be: an upload of this blog ({@code /media/…}) or an {@code https://} address, with no
 * credentials, no white space or control characters and at most {@link #MAX_LENGTH} characters. The cover is printed
 * into {@code <img>}, {@code og:image}, JSON-LD, sitemaps and feeds, where {@code javascript:} or a plain-http tracker
 * would follow it.
 * <p>
 * The database keeps the same rule as the function {@code cover_image_allowed} and a CHECK on {@code posts} (migration
 * {@code V82}), so that writers outside this class (the WordPress import's statements) cannot store anything else;
 * {@code CoverImageTests} holds the two to the same answers.
 */
public final class CoverImage {

	public static final int MAX_LENGTH = 2000;

	/**
	 * White space, control and invisible formatting characters (bidi overrides, zero-width spaces), and the characters
	 * no address may hold unencoded. Written with regex escapes, not Java's, so that V82 can hold the same text.
	 */
	static final String FORBIDDEN = "\\u0001-\\u0020\\u007F-\\u00A0\\u00AD\\u1680\\u180E\\u2000-\\u200F\\u2028-\\u202F"
			+ "\\u205F-\\u206F\\u3000\\uFEFF\"<>\\\\^`{|}";

	/** {@code /media/} and one or more path segments, none starting with a dot (so no {@code ..}). */
	static final String UPLOAD = "^/media/[^./?#%" + FORBIDDEN + "][^/?#%" + FORBIDDEN + "]*(/[^./?#%" + FORBIDDEN
			+ "][^/?#%" + FORBIDDEN + "]*)*$";

	/** A host name or address in ASCII (a name in another script as punycode), an optional port, then anything left. */
	static final String HTTPS = "^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?([/?#][^" + FORBIDDEN + "]*)?$";

	private static final Pattern UPLOAD_PATTERN = Pattern.compile(UPLOAD);

	private static final Pattern HTTPS_PATTERN = Pattern.compile(HTTPS);

	private static final Pattern UNSEEN = Pattern.compile("[" + FORBIDDEN.substring(0, FORBIDDEN.indexOf('"')) + "]");

	private CoverImage() {
	}

	/** Whether a stored or submitted cover obeys the rule; no cover (null) does. */
	public static boolean allowed(String address) {
		return address == null || address.length() <= MAX_LENGTH
				&& (UPLOAD_PATTERN.matcher(address).matches() || HTTPS_PATTERN.matcher(address).matches());
	}

	/**
	 * The cover as it is stored: null for none, else the address without surrounding white space, or an
	 * {@link InvalidPostException} that tells staff what is wrong with it.
	 */
	static String checked(String submitted) {
		if (submitted == null || submitted.isBlank()) {
			return null;
		}
		String address = submitted.strip();
		if (allowed(address)) {
			return address;
		}
		if (address.length() > MAX_LENGTH) {
			throw new InvalidPostException("A cover image address is at most " + MAX_LENGTH + " characters.");
		}
		if (UNSEEN.matcher(address).find()) {
			throw new InvalidPostException("A cover image address cannot hold spaces, line breaks or invisible characters.");
		}
		if (address.startsWith("https://") && address.substring(8).split("[/?#]", 2)[0].contains("@")) {
			throw new InvalidPostException("A cover image address cannot carry a user name or password.");
		}
		if (address.startsWith("http://")) {
			throw new InvalidPostException("A cover image from another site must be an https:// address.");
		}
		throw new InvalidPostException(
				"A cover image is an image from the library (/media/…) or an https:// address of an image.");
	}
}
