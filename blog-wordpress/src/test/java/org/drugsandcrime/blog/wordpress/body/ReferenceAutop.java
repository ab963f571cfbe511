package org.drugsandcrime.blog.wordpress.body;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WordPress's {@code wpautop()} transcribed regular expression for regular expression, slow but plainly the same as
 * wp-includes/formatting.php: what {@link Autop}, which finds the same matches faster, is checked against.
 */
final class ReferenceAutop {

	private static final String ALL_BLOCKS = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
			+ "|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup"
			+ "|header|footer|nav|figure|figcaption|details|menu|summary)";

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

	private static final Pattern MANY_NEWLINES = Pattern.compile("\n\n+");

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n\\s*\n");

	private static final Pattern EMPTY_P = Pattern.compile("<p>\\s*</p>");

	private static final Pattern UNCLOSED_IN_DIV = Pattern.compile("<p>([^<]+)</(div|address|form)>");

	private static final Pattern P_AROUND_BLOCK = Pattern.compile("<p>\\s*(</?" + ALL_BLOCKS + "[^>]*>)\\s*</p>");

	private static final Pattern P_AROUND_LI = Pattern.compile("<p>(<li.+?)</p>");

	private static final Pattern P_BEFORE_BLOCKQUOTE = Pattern.compile("<p><blockquote([^>]*)>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern P_BEFORE_BLOCK = Pattern.compile("<p>\\s*(</?" + ALL_BLOCKS + "[^>]*>)");

	private static final Pattern P_AFTER_BLOCK = Pattern.compile("(</?" + ALL_BLOCKS + "[^>]*>)\\s*</p>");

	private static final Pattern KEEP_NEWLINES = Pattern.compile("<(script|style|svg|math).*?</\\1>", Pattern.DOTALL);

	private static final Pattern NEWLINE_TO_BR = Pattern.compile("(?<!<br />)\\s*\n");

	private static final Pattern BR_AFTER_BLOCK = Pattern.compile("(</?" + ALL_BLOCKS + "[^>]*>)\\s*<br />");

	private static final Pattern BR_BEFORE_BLOCK = Pattern
		.compile("<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)");

	private static final Pattern LAST_NEWLINE = Pattern.compile("\n</p>$");

	/**
	 * WordPress's {@code wp_html_split()}: a comment, a CDATA section, or {@code <} up to the next {@code >} (or the
	 * end), which is what WordPress takes for a tag even in {@code a < b}.
	 */
	private static final Pattern HTML_TOKEN = Pattern
		.compile("<(?:(?=!--)!(?:-(?!->)[^\\-]*+)*+(?:-->)?|(?=!\\[CDATA\\[)!\\[CDATA\\[[^\\]]*+(?:](?!]>)[^\\]]*+)*+(?:]]>)?"
				+ "|[^>]*>?)");

	private static final String NEWLINE_IN_TAG = " <!-- wpnl --> ";

	private ReferenceAutop() {
	}

	/** {@code wpautop($text, true)}. */
	static String autop(String text) {
		if (text.isBlank()) {
			return "";
		}
		Map<String, String> preTags = new LinkedHashMap<>();
		text = text + "\n";
		if (text.contains("<pre")) {
			text = setPreAside(text, preTags);
		}
		text = DOUBLE_BR.matcher(text).replaceAll("\n\n");
		text = BLOCK_OPEN.matcher(text).replaceAll("\n\n$1");
		text = BLOCK_CLOSE.matcher(text).replaceAll("$1\n\n");
		text = HR.matcher(text).replaceAll("$1\n\n");
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
		text = MANY_NEWLINES.matcher(text).replaceAll("\n\n");
		StringBuilder paragraphs = new StringBuilder(text.length() + 256);
		for (String paragraph : PARAGRAPH_BREAK.split(text)) {
			if (!paragraph.isEmpty()) {
				paragraphs.append("<p>").append(trimNewlines(paragraph)).append("</p>\n");
			}
		}
		text = paragraphs.toString();
		text = EMPTY_P.matcher(text).replaceAll("");
		text = UNCLOSED_IN_DIV.matcher(text).replaceAll("<p>$1</p></$2>");
		text = P_AROUND_BLOCK.matcher(text).replaceAll("$1");
		text = P_AROUND_LI.matcher(text).replaceAll("$1");
		text = P_BEFORE_BLOCKQUOTE.matcher(text).replaceAll("<blockquote$1><p>");
		text = text.replace("</blockquote></p>", "</p></blockquote>");
		text = P_BEFORE_BLOCK.matcher(text).replaceAll("$1");
		text = P_AFTER_BLOCK.matcher(text).replaceAll("$1");
		text = KEEP_NEWLINES.matcher(text)
			.replaceAll(match -> Matcher.quoteReplacement(match.group().replace("\n", "<WPPreserveNewline />")));
		text = text.replace("<br>", "<br />").replace("<br/>", "<br />");
		text = NEWLINE_TO_BR.matcher(text).replaceAll("<br />\n");
		text = text.replace("<WPPreserveNewline />", "\n");
		text = BR_AFTER_BLOCK.matcher(text).replaceAll("$1");
		text = BR_BEFORE_BLOCK.matcher(text).replaceAll("$1");
		text = LAST_NEWLINE.matcher(text).replaceAll("</p>");
		for (Map.Entry<String, String> pre : preTags.entrySet()) {
			text = text.replace(pre.getKey(), pre.getValue());
		}
		if (text.contains("<!-- wpnl -->")) {
			text = text.replace(NEWLINE_IN_TAG, "\n").replace("<!-- wpnl -->", "\n");
		}
		return text;
	}

	/** {@code wp_replace_in_html_tags($text, ["\n" => $replacement])}: newlines inside tags and comments. */
	static String newlinesInTags(String text, String replacement) {
		if (text.indexOf('\n') < 0) {
			return text;
		}
		Matcher token = HTML_TOKEN.matcher(text);
		StringBuilder out = null;
		int copied = 0;
		while (token.find()) {
			String tag = token.group();
			if (tag.indexOf('\n') >= 0) {
				if (out == null) {
					out = new StringBuilder(text.length() + 64);
				}
				out.append(text, copied, token.start()).append(tag.replace("\n", replacement));
				copied = token.end();
			}
		}
		if (out == null) {
			return text;
		}
		return out.append(text, copied, text.length()).toString();
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
