package org.drugsandcrime.blog.web.comment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * A reader's comment is text: it is escaped whole, then blank lines become paragraphs, line breaks stay, and
 * web addresses become links that pass no reputation ({@code rel="nofollow ugc"}). No markup a reader types
 * ever reaches the page as markup.
 */
public final class CommentText {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);

	/** Punctuation that ends a sentence rather than the address. */
	private static final String TRAILING = ".,;:!?)]'\"";

	private CommentText() {
	}

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
			html.append(HtmlUtils.htmlEscape(line.substring(last, matcher.start())));
			String escaped = HtmlUtils.htmlEscape(url);
			html.append("<a href=\"").append(escaped).append("\" rel=\"nofollow ugc\">").append(escaped).append("</a>");
			last = matcher.start() + end;
		}
		html.append(HtmlUtils.htmlEscape(line.substring(last)));
	}

	/** A commenter's website as a link target: only http(s) addresses, else none. */
	public static String website(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		String trimmed = url.strip();
		return LINK.matcher(trimmed).matches() ? trimmed : null;
	}
}
