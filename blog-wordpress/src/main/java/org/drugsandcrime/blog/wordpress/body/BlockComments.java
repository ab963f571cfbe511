package org.drugsandcrime.blog.wordpress.body;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gutenberg's block delimiters, {@code <!-- wp:paragraph -->} ... {@code <!-- /wp:paragraph -->}: the editor's
 * bookkeeping around HTML that is already what the page showed. They are taken out with their content kept.
 */
final class BlockComments {

	/** WordPress's own block parser pattern (WP_Block_Parser::next_token), attributes being JSON. */
	private static final Pattern DELIMITER = Pattern.compile("<!--\\s+(?<closer>/)?wp:(?<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
			+ "\\s+(?<attrs>\\{(?:[^}]+|}+(?=})|(?!}\\s+/?-->).)*+}\\s+)?(?<void>/)?-->", Pattern.DOTALL);

	private BlockComments() {
	}

	/** Whether WordPress treated the body as blocks, which also means it did not run autop on it. */
	static boolean hasBlocks(String content) {
		return content.contains("<!-- wp:");
	}

	/**
	 * The body without block delimiters. A block written as one self-closing comment was drawn by WordPress when
	 * the page was shown (latest posts, archives, a reusable block), so nothing of it is in the export: its name is
	 * handed to {@code lost}.
	 */
	static String remove(String content, Consumer<String> lost) {
		Matcher delimiter = DELIMITER.matcher(content);
		StringBuilder out = new StringBuilder(content.length());
		int copied = 0;
		while (delimiter.find()) {
			out.append(content, copied, delimiter.start());
			if (delimiter.group("void") != null) {
				lost.accept("wp:" + delimiter.group("name"));
			}
			copied = delimiter.end();
		}
		return out.append(content, copied, content.length()).toString();
	}
}
