package org.drugsandcrime.blog.core.render;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns titles into URL slugs. Latin letters lose their accents ("Zürich" → "zurich"); letters of other
 * scripts are kept as they are, as WordPress does, because transliterating Cyrillic or Chinese guesses
 * wrong more often than not and browsers show them fine.
 */
public final class Slugs {

	public static final int MAX_LENGTH = 80;

	private static final Map<String, String> LETTERS = Map.of("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d",
			"ł", "l", "þ", "th", "ð", "d", "ı", "i");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern VALID = Pattern.compile("^[\\p{Ll}\\p{Lo}\\p{N}]+(-[\\p{Ll}\\p{Lo}\\p{N}]+)*$");

	private Slugs() {
	}

	/** A slug for the title, or {@code fallback} when the title has no letters or digits at all. */
	public static String fromTitle(String title, String fallback) {
		String slug = (title == null ? "" : title).toLowerCase(Locale.ROOT);
		for (Map.Entry<String, String> letter : LETTERS.entrySet()) {
			slug = slug.replace(letter.getKey(), letter.getValue());
		}
		slug = slug.replace("&", " and ").replace("'", "").replace("’", "");
		slug = MARKS.matcher(Normalizer.normalize(slug, Normalizer.Form.NFKD)).replaceAll("");
		slug = Normalizer.normalize(slug, Normalizer.Form.NFC);
		slug = SEPARATORS.matcher(slug).replaceAll("-");
		slug = trimHyphens(slug);
		if (slug.length() > MAX_LENGTH) {
			int cut = slug.lastIndexOf('-', MAX_LENGTH);
			slug = trimHyphens(slug.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH));
		}
		return slug.isEmpty() ? fallback : slug;
	}

	/** Whether a slug typed by staff or found in a URL has the shape this class produces. */
	public static boolean isValid(String slug) {
		return slug != null && slug.length() <= MAX_LENGTH + 8 && VALID.matcher(slug).matches();
	}

	private static String trimHyphens(String slug) {
		int start = 0;
		int end = slug.length();
		while (start < end && slug.charAt(start) == '-') {
			start++;
		}
		while (end > start && slug.charAt(end - 1) == '-') {
			end--;
		}
		return slug.substring(start, end);
	}
}
