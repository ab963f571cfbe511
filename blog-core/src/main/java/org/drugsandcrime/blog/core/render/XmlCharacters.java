package org.drugsandcrime.blog.core.render;

/**
 * What no XML escaping can carry: the characters XML 1.0 forbids outright (most control characters, unpaired
 * surrogates). Staff paste them from word processors and readers type them into comments; every document written as
 * XML (feeds, sitemaps, the WordPress export) drops them here first, so one stray character never breaks a
 * document a feed reader or WordPress must parse.
 */
public final class XmlCharacters {

	private XmlCharacters() {
	}

	/** The text without the characters XML 1.0 forbids; everything else is kept as it was. */
	public static String clean(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder kept = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean allowed;
			int width = 1;
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				allowed = true;
				width = 2;
			}
			else {
				allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
			}
			if (!allowed && kept == null) {
				kept = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (allowed && kept != null) {
				kept.append(text, i, i + width);
			}
			i += width - 1;
		}
		return kept == null ? text : kept.toString();
	}
}
