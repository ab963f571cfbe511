package org.drugsandcrime.blog.feed.syndication;

import org.drugsandcrime.blog.core.render.PlainText;
import org.drugsandcrime.blog.core.render.XmlCharacters;

/**
 * What RSS's text elements carry, so that no reader sees markup in them that nobody wrote. RSS 2.0 says only that an
 * item's description may hold entity-encoded HTML, and readers take it as HTML; for the other elements they differ
 * (the RSS Advisory Board's Best Practices Profile records it): most show a title, category or creator as plain
 * text, some render it as HTML. So:
 * <ul>
 * <li>a description is HTML: plain text is escaped whole ({@link #html}) before the XML writer escapes it again, and a
 * reader's comment gets the paragraphs and links it has on the site ({@link PlainText#toHtml});</li>
 * <li>a title, category or name stays plain text with only what HTML would take for markup escaped ({@link #text}): a
 * {@code <} that could open a tag, comment or declaration and an {@code &} that could open a character reference.
 * Text without those ("Drugs & Crime", "5 < 6") reads the same to both kinds of reader; text with them reads as
 * written to a reader that renders HTML, and with the references showing to one that does not, never as markup.</li>
 * </ul>
 * The XML writer escapes the result once more for XML; it is never written as CDATA.
 */
final class RssText {

	private RssText() {
	}

	/** Plain text as the HTML of a description. */
	static String html(String plain) {
		return plain == null ? null : PlainText.escape(plain);
	}

	/** Plain text for an element readers may show as text or render as HTML. */
	static String text(String given) {
		if (given == null) {
			return null;
		}
		// First, or a character the XML writer drops could hide the letter after a '<' from the rule below.
		String plain = XmlCharacters.clean(given);
		StringBuilder escaped = null;
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			char next = i + 1 < plain.length() ? plain.charAt(i + 1) : ' ';
			String reference = null;
			// HTML's tokenizer opens a tag, end tag, comment, declaration or processing instruction only on these.
			if (c == '<' && (asciiLetter(next) || next == '/' || next == '!' || next == '?')) {
				reference = "&lt;";
			}
			// ...and a character reference only on a letter (a named one) or '#' (a numeric one).
			else if (c == '&' && (asciiLetter(next) || next == '#')) {
				reference = "&amp;";
			}
			if (reference != null && escaped == null) {
				escaped = new StringBuilder(plain.length() + 16).append(plain, 0, i);
			}
			if (escaped != null) {
				if (reference != null) {
					escaped.append(reference);
				}
				else {
					escaped.append(c);
				}
			}
		}
		return escaped == null ? plain : escaped.toString();
	}

	private static boolean asciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}
}
