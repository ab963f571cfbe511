package org.drugsandcrime.blog.wordpress.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WordPress's {@code wpautop()}, step for step (wp-includes/formatting.php): what turns a classic-editor body, where
 * a blank line separates paragraphs and a single newline is a line break, into the HTML WordPress showed. Kept a
 * port rather than a reinterpretation, so its quirks are WordPress's quirks and old posts look as they did.
 */
final class Autop {

	private static final String ALL_BLOCKS = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
			+ "|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup"
			+ "|header|footer|nav|figure|figcaption|details|menu|summary)";

	/** The first letters of the names in {@link #ALL_BLOCKS}: no block tag starts with any other. */
	private static final String BLOCK_INITIALS = "abcdfhlmnopstu";

	private static final Pattern DOUBLE_BR = Pattern.compile("<br\\s*/?>\\s*<br\\s*/?>");

	private static final Pattern BLOCK_OPEN = Pattern.compile("(<" + ALL_BLOCKS + "[\\s/>])");

	private static final Pattern BLOCK_CLOSE = Pattern.compile("(</" + ALL_BLOCKS + ">)");

	private static final Pattern HR = Pattern.compile("(<hr\\s*?/?>)");

	private static final Pattern BEFORE_OPTION = Pattern.compile("\\s*<option");

	private static final Pattern AFTER_OPTION = Pattern.compile("</option>\\s*");

	private static final Pattern OBJECT_OPEN = Pattern.compile("(<object[^>]*>)\\s*");

	private static final Pattern OBJECT_CLOSE = Pattern.compile("\\s*</object>");

	private static final Pattern PARAM_EMBED = Pattern.compile("\\s*(</?(?:param|embed)[^>]*>)\\s*");

	private static final Pattern MEDIA_OPEN = Pattern.compile("([<\\[](?:audio|video)[^>\\]]*[>\\]])\\s*");

	private static final Pattern MEDIA_CLOSE = Pattern.compile("\\s*([<\\[]/(?:audio|video)[>\\]])");

	private static final Pattern SOURCE_TRACK = Pattern.compile("\\s*(<(?:source|track)[^>]*>)\\s*");

	private static final Pattern FIGCAPTION_OPEN = Pattern.compile("\\s*(<figcaption[^>]*>)");

	private static final Pattern FIGCAPTION_CLOSE = Pattern.compile("</figcaption>\\s*");



	private static final Pattern EMPTY_P = Pattern.compile("<p>\\s*</p>");

	private static final Pattern UNCLOSED_IN_DIV = Pattern.compile("<p>([^<]+)</(div|address|form)>");

	private static final Pattern P_AROUND_BLOCK = Pattern.compile("<p>\\s*(</?" + ALL_BLOCKS + "[^>]*>)\\s*</p>");

	private static final Pattern P_AROUND_LI = Pattern.compile("<p>(<li.+?)</p>");

	private static final Pattern P_BEFORE_BLOCKQUOTE = Pattern.compile("<p><blockquote([^>]*)>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern P_BEFORE_BLOCK = Pattern.compile("<p>\\s*(</?" + ALL_BLOCKS + "[^>]*>)");

	private static final Pattern P_AFTER_BLOCK = Pattern.compile("(</?" + ALL_BLOCKS + "[^>]*>)\\s*</p>");

	private static final Pattern KEEP_NEWLINES = Pattern.compile("<(script|style|svg|math).*?</\\1>", Pattern.DOTALL);


	private static final Pattern BR_AFTER_BLOCK = Pattern.compile("(</?" + ALL_BLOCKS + "[^>]*>)\\s*<br />");

	private static final Pattern BR_BEFORE_BLOCK = Pattern
		.compile("<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)");


	/**
	 * WordPress's {@code wp_html_split()}: a comment, a CDATA section, or {@code <} up to the next {@code >} (or the
	 * end), which is what WordPress takes for a tag even in {@code a < b}.
	 */
	private static final Pattern HTML_TOKEN = Pattern
		.compile("<(?:(?=!--)!(?:-(?!->)[^\\-]*+)*+(?:-->)?|(?=!\\[CDATA\\[)!\\[CDATA\\[[^\\]]*+(?:](?!]>)[^\\]]*+)*+(?:]]>)?"
				+ "|[^>]*>?)");

	private static final String NEWLINE_IN_TAG = " <!-- wpnl --> ";

	private Autop() {
	}

	/**
	 * {@code wpautop($text, true)}. Each step is WordPress's regular expression, but tried only where a match can
	 * start (at a {@code <} or a newline) rather than at every character: a body is searched some twenty times,
	 * and that made the difference between minutes and seconds for ten thousand posts.
	 */
	static String autop(String text) {
		if (text.isBlank()) {
			return "";
		}
		Map<String, String> preTags = new LinkedHashMap<>();
		text = text + "\n";
		if (text.contains("<pre")) {
			text = setPreAside(text, preTags);
		}
		if (text.contains("<br")) {
			text = at(text, "<br", null, DOUBLE_BR, match -> "\n\n");
		}
		text = at(text, "<", BLOCK_INITIALS, BLOCK_OPEN, match -> "\n\n" + match.group(1));
		text = at(text, "</", BLOCK_INITIALS, BLOCK_CLOSE, match -> match.group(1) + "\n\n");
		if (text.contains("<hr")) {
			text = at(text, "<hr", null, HR, match -> match.group(1) + "\n\n");
		}
		text = text.replace("\r\n", "\n").replace('\r', '\n');
		text = newlinesInTags(text, NEWLINE_IN_TAG);
		if (text.contains("<option")) {
			text = BEFORE_OPTION.matcher(text).replaceAll("<option");
			text = AFTER_OPTION.matcher(text).replaceAll("</option>");
		}
		if (text.contains("</object>")) {
			text = OBJECT_OPEN.matcher(text).replaceAll("$1");
			text = OBJECT_CLOSE.matcher(text).replaceAll("</object>");
			text = PARAM_EMBED.matcher(text).replaceAll("$1");
		}
		if (text.contains("<source") || text.contains("<track")) {
			text = MEDIA_OPEN.matcher(text).replaceAll("$1");
			text = MEDIA_CLOSE.matcher(text).replaceAll("$1");
			text = SOURCE_TRACK.matcher(text).replaceAll("$1");
		}
		if (text.contains("<figcaption")) {
			text = FIGCAPTION_OPEN.matcher(text).replaceAll("$1");
			text = FIGCAPTION_CLOSE.matcher(text).replaceAll("</figcaption>");
		}
		text = collapseNewlines(text);
		StringBuilder paragraphs = new StringBuilder(text.length() + 256);
		for (String paragraph : paragraphs(text)) {
			if (!paragraph.isEmpty()) {
				paragraphs.append("<p>").append(trimNewlines(paragraph)).append("</p>\n");
			}
		}
		text = paragraphs.toString();
		text = at(text, "<p>", null, EMPTY_P, match -> "");
		if (text.contains("</div>") || text.contains("</address>") || text.contains("</form>")) {
			text = at(text, "<p>", null, UNCLOSED_IN_DIV, match -> "<p>" + match.group(1) + "</p></" + match.group(2) + ">");
		}
		text = at(text, "<p>", null, P_AROUND_BLOCK, match -> match.group(1));
		if (text.contains("<p><li")) {
			text = at(text, "<p><li", null, P_AROUND_LI, match -> match.group(1));
		}
		text = at(text, "<", "pP", P_BEFORE_BLOCKQUOTE, match -> "<blockquote" + match.group(1) + "><p>");
		text = text.replace("</blockquote></p>", "</p></blockquote>");
		text = at(text, "<p>", null, P_BEFORE_BLOCK, match -> match.group(1));
		text = atTagsFollowedBy(text, "</p>", P_AFTER_BLOCK);
		if (text.contains("<script") || text.contains("<style") || text.contains("<svg") || text.contains("<math")) {
			text = KEEP_NEWLINES.matcher(text)
				.replaceAll(match -> Matcher.quoteReplacement(match.group().replace("\n", "<WPPreserveNewline />")));
		}
		text = text.replace("<br>", "<br />").replace("<br/>", "<br />");
		text = newlinesToBreaks(text);
		text = text.replace("<WPPreserveNewline />", "\n");
		text = atTagsFollowedBy(text, "<br />", BR_AFTER_BLOCK);
		text = at(text, "<br />", null, BR_BEFORE_BLOCK, match -> match.group(1));
		if (text.endsWith("\n</p>")) {
			text = text.substring(0, text.length() - "\n</p>".length()) + "</p>";
		}
		else if (text.endsWith("\n</p>\n")) {
			// PHP's $ also matches before a final newline.
			text = text.substring(0, text.length() - "\n</p>\n".length()) + "</p>\n";
		}
		for (Map.Entry<String, String> pre : preTags.entrySet()) {
			text = text.replace(pre.getKey(), pre.getValue());
		}
		if (text.contains("<!-- wpnl -->")) {
			text = text.replace(NEWLINE_IN_TAG, "\n").replace("<!-- wpnl -->", "\n");
		}
		return text;
	}

	/**
	 * {@code preg_replace} for a pattern whose every match starts with {@code <}: the same matches, found by trying
	 * the pattern only at each {@code <}.
	 */
	static String atTags(String text, Pattern pattern, Function<MatchResult, String> replacement) {
		return at(text, "<", null, pattern, replacement);
	}

	/**
	 * {@code preg_replace} for a pattern whose every match starts with {@code prefix}, then (after a {@code /}, if
	 * any) one of {@code nextChars} when that is not null: the same matches, found by trying the pattern only there.
	 */
	static String at(String text, String prefix, String nextChars, Pattern pattern,
			Function<MatchResult, String> replacement) {
		int at = text.indexOf(prefix);
		if (at < 0) {
			return text;
		}
		Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		StringBuilder out = null;
		int copied = 0;
		while (at >= 0) {
			if (nextChars == null || startsWithOneOf(text, at + prefix.length(), nextChars)) {
				matcher.region(at, text.length());
				if (matcher.lookingAt()) {
					if (out == null) {
						out = new StringBuilder(text.length() + 64);
					}
					out.append(text, copied, at).append(replacement.apply(matcher));
					copied = matcher.end();
					at = text.indexOf(prefix, Math.max(copied, at + 1));
					continue;
				}
			}
			at = text.indexOf(prefix, at + 1);
		}
		return out == null ? text : out.append(text, copied, text.length()).toString();
	}

	/**
	 * {@code preg_replace('!(</?ALL_BLOCKS[^>]*>)\s*FOLLOWING!', '$1', $text)}, tried only at block tags that
	 * white space and {@code following} come after.
	 */
	private static String atTagsFollowedBy(String text, String following, Pattern pattern) {
		if (!text.contains(following)) {
			return text;
		}
		Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		StringBuilder out = null;
		int copied = 0;
		int at = text.indexOf('<');
		while (at >= 0) {
			int close = text.indexOf('>', at + 1);
			if (close < 0) {
				break;
			}
			int next = close + 1;
			while (next < text.length() && isSpace(text.charAt(next))) {
				next++;
			}
			if (text.startsWith(following, next) && startsWithOneOf(text, at + 1, BLOCK_INITIALS)) {
				matcher.region(at, text.length());
				if (matcher.lookingAt()) {
					if (out == null) {
						out = new StringBuilder(text.length());
					}
					out.append(text, copied, at).append(matcher.group(1));
					copied = matcher.end();
					at = text.indexOf('<', copied);
					continue;
				}
			}
			at = text.indexOf('<', at + 1);
		}
		return out == null ? text : out.append(text, copied, text.length()).toString();
	}

	private static boolean startsWithOneOf(String text, int at, String chars) {
		if (at < text.length() && text.charAt(at) == '/') {
			at++;
		}
		return at < text.length() && chars.indexOf(text.charAt(at)) >= 0;
	}

	/** {@code preg_replace("/\n\n+/", "\n\n", $text)}. */
	private static String collapseNewlines(String text) {
		int run = text.indexOf("\n\n\n");
		if (run < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int copied = 0;
		while (run >= 0) {
			int end = run + 3;
			while (end < text.length() && text.charAt(end) == '\n') {
				end++;
			}
			out.append(text, copied, run + 2);
			copied = end;
			run = text.indexOf("\n\n\n", end);
		}
		return out.append(text, copied, text.length()).toString();
	}

	/**
	 * {@code preg_split('/\n\s*\n/', $text)}: a break is a newline, then the longest run of white space that ends
	 * in a newline.
	 */
	private static List<String> paragraphs(String text) {
		List<String> paragraphs = new ArrayList<>();
		int start = 0;
		int newline = text.indexOf('\n');
		while (newline >= 0) {
			int run = newline + 1;
			int lastNewline = -1;
			while (run < text.length() && isSpace(text.charAt(run))) {
				if (text.charAt(run) == '\n') {
					lastNewline = run;
				}
				run++;
			}
			if (lastNewline < 0) {
				newline = text.indexOf('\n', newline + 1);
				continue;
			}
			paragraphs.add(text.substring(start, newline));
			start = lastNewline + 1;
			newline = text.indexOf('\n', start);
		}
		paragraphs.add(text.substring(start));
		return paragraphs;
	}

	/**
	 * {@code preg_replace('|(?<!<br />)\s*\n|', "<br />\n", $text)}: in each run of white space holding a newline,
	 * from its start (or one on, right after a {@code <br />}) to its last newline.
	 */
	private static String newlinesToBreaks(String text) {
		StringBuilder out = new StringBuilder(text.length() + 256);
		int copied = 0;
		int newline = text.indexOf('\n');
		while (newline >= 0) {
			int start = newline;
			while (start > copied && isSpace(text.charAt(start - 1))) {
				start--;
			}
			int end = newline + 1;
			int lastNewline = newline;
			while (end < text.length() && isSpace(text.charAt(end))) {
				if (text.charAt(end) == '\n') {
					lastNewline = end;
				}
				end++;
			}
			if (text.startsWith("<br />", start - 6) && start - 6 >= 0) {
				start++;
			}
			if (start <= lastNewline) {
				out.append(text, copied, start).append("<br />\n");
				copied = lastNewline + 1;
			}
			newline = text.indexOf('\n', lastNewline + 1);
		}
		return out.append(text, copied, text.length()).toString();
	}

	/** PCRE's {@code \s}. */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
	}

	/** {@code wp_replace_in_html_tags($text, ["\n" => $replacement])}: newlines inside tags and comments. */
	static String newlinesInTags(String text, String replacement) {
		if (text.indexOf('\n') < 0) {
			return text;
		}
		return atTags(text, HTML_TOKEN, token -> {
			String tag = token.group();
			return tag.indexOf('\n') < 0 ? tag : tag.replace("\n", replacement);
		});
	}

	/** Sets {@code <pre>} elements aside behind placeholders, which autop leaves alone. */
	private static String setPreAside(String text, Map<String, String> preTags) {
		String[] parts = text.split("</pre>", -1);
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		for (int k = 0; k < parts.length - 1; k++) {
			String part = parts[k];
			int start = part.indexOf("<pre");
			if (start < 0) {
				// Malformed HTML: WordPress drops the stray </pre> too.
				out.append(part);
				continue;
			}
			String name = "<pre wp-pre-tag-" + i + "></pre>";
			preTags.put(name, part.substring(start) + "</pre>");
			out.append(part, 0, start).append(name);
			i++;
		}
		return out.append(parts[parts.length - 1]).toString();
	}

	private static String trimNewlines(String paragraph) {
		int start = 0;
		int end = paragraph.length();
		while (start < end && paragraph.charAt(start) == '\n') {
			start++;
		}
		while (end > start && paragraph.charAt(end - 1) == '\n') {
			end--;
		}
		return paragraph.substring(start, end);
	}
}
