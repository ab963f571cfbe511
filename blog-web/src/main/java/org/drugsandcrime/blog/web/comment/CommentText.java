package org.drugsandcrime.blog.web.comment;

import org.drugsandcrime.blog.core.render.PlainText;

/**
 * A reader's comment is text: {@link PlainText} makes it HTML (escaped whole, paragraphs, line breaks, links that
 * pass no reputation), the same HTML the comment feeds carry. No markup a reader types ever reaches the page as
 * markup.
 */
public final class CommentText {

	private CommentText() {
	}

	public static String toHtml(String text) {
		return PlainText.toHtml(text);
	}

	/** A commenter's website as a link target: only http(s) addresses, else none. */
	public static String website(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		String trimmed = url.strip();
		return PlainText.isWebAddress(trimmed) ? trimmed : null;
	}
}
