package org.drugsandcrime.blog.core.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Text a person typed (a reader's comment, an author's bio, an archive's description) as HTML: escaped whole, then
 * blank lines become paragraphs, line breaks stay, and web addresses become links that pass no reputation
 * ({@code rel="nofollow ugc"}). No markup anyone types ever reaches a page or a feed as markup. The site's pages and
 * its RSS descriptions both show such text through here, so a reader sees it the same way in both.
 */
public final class PlainText {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);

	/** Punctuation that ends a sentence rather than the address. */
	private static final String TRAILING = ".,;:!?)]'\"";

	private PlainText() {
	}

	/** Paragraphs, line breaks and links of the text, everything else escaped; blank text is no HTML at all. */
	public static String toHtml(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		StringBuilder html = new StringBuilder(text.length() + 64);
		for (String paragraph : text.strip().replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
			html.append("<p>");
			String[] lines = paragraph.strip().split("\n");
			for (int i = 0; i < lines.length; i++) {
				if (i > 0) {
					html.append("<br>");
				}
				linked(lines[i], html);
			}
			html.append("</p>");
		}
		return html.toString();
	}

	/**
	 * The text as HTML character data: {@code & < > " '} become references, every other character stays as it is
	 * (the documents are UTF-8, so there is no need for named references a non-HTML parser may not know).
	 */
	public static String escape(String text) {
		return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** Whether the whole text is one http(s) address, the only kind a page links to. */
	public static boolean isWebAddress(String text) {
		return text != null && LINK.matcher(text).matches();
	}

	private static void linked(String line, StringBuilder html) {
		Matcher matcher = LINK.matcher(line);
		int last = 0;
		while (matcher.find()) {
			String url = matcher.group();
			int end = url.length();
			while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
				end--;
			}
			url = url.substring(0, end);
			html.append(escape(line.substring(last, matcher.start())));
			String escaped = escape(url);
			html.append("<a href=\"").append(escaped).append("\" rel=\"nofollow ugc\">").append(escaped).append("</a>");
			last = matcher.start() + end;
		}
		html.append(escape(line.substring(last)));
	}
}
