package org.drugsandcrime.blog.wordpress.body;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What WordPress embedded: {@code [embed]address[/embed]}, the Gutenberg embed block, and a video address alone on a
 * line or in its own paragraph (WP_Embed::autoembed). Each becomes a marker element holding the address, which
 * {@link MarkdownBlocks} writes as the address alone in its own paragraph: blog-core's {@code VideoEmbeds} then makes
 * a YouTube or Vimeo address the player, and any other address a link. Which addresses are players stays decided there.
 */
final class Embeds {

	/** The marker element; not an HTML element, so nothing a body holds can be mistaken for it by a browser. */
	static final String MARKER = "wp-embed-address";

	/** WordPress's pattern for an embeddable address. */
	static final Pattern ADDRESS = Pattern.compile("https?://[^\\s<>\"]+");

	private static final Pattern ADDRESS_LINE = Pattern.compile("^(\\s*)(https?://[^\\s<>\"]+)(\\s*)$", Pattern.MULTILINE);

	private static final Pattern ADDRESS_PARAGRAPH = Pattern.compile("(<p(?: [^>]*)?>\\s*)(https?://[^\\s<>\"]+)(\\s*</p>)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern EMBED_SHORTCODE = Shortcodes.pattern("embed");

	private static final Pattern EMBED_BLOCK = Pattern.compile(
			"<!--\\s+wp:(embed|core-embed/[a-z0-9-]+)\\s+(\\{(?:[^}]+|}+(?=})|(?!}\\s+/?-->).)*+}\\s+)?-->(.*?)<!--\\s+/wp:\\1\\s+-->",
			Pattern.DOTALL);

	/** An embed block written as one comment, as some plugins and hand edits leave them: its address is all it has. */
	private static final Pattern VOID_EMBED_BLOCK = Pattern.compile(
			"<!--\\s+wp:(?:embed|core-embed/[a-z0-9-]+)\\s+(\\{(?:[^}]+|}+(?=})|(?!}\\s+/?-->).)*+}\\s+)/-->", Pattern.DOTALL);

	private static final Pattern JSON_URL = Pattern.compile("\"url\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern FIGCAPTION = Pattern.compile("<figcaption[^>]*>(.*?)</figcaption>",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Set<String> VIDEO_HOSTS = Set.of("youtube.com", "www.youtube.com", "m.youtube.com",
			"music.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com");

	private static final String LINE_BREAK_IN_TAG = "<!-- wp-line-break -->";

	private Embeds() {
	}

	/**
	 * Gutenberg embed blocks as a marker, their caption as a paragraph below it. Runs before the block delimiters
	 * are removed, since the block's attributes name the address.
	 */
	static String embedBlocks(String content) {
		if (!content.contains("<!-- wp:embed") && !content.contains("<!-- wp:core-embed/")) {
			return content;
		}
		content = VOID_EMBED_BLOCK.matcher(content).replaceAll(block -> {
			String address = jsonUrl(block.group(1));
			return Matcher.quoteReplacement(address == null ? block.group() : marker(address));
		});
		return EMBED_BLOCK.matcher(content).replaceAll(block -> {
			String inner = block.group(3);
			Matcher line = ADDRESS_LINE.matcher(inner);
			String address = line.find() ? line.group(2) : jsonUrl(block.group(2));
			if (address == null) {
				return Matcher.quoteReplacement(inner);
			}
			Matcher caption = FIGCAPTION.matcher(inner);
			String below = caption.find() && !caption.group(1).isBlank() ? "\n\n<p>" + caption.group(1).strip() + "</p>" : "";
			return Matcher.quoteReplacement(marker(address) + below);
		});
	}

	/** {@code [embed]address[/embed]}, each in a paragraph of its own. */
	static String embedShortcodes(String content) {
		if (!content.contains("[embed")) {
			return content;
		}
		return EMBED_SHORTCODE.matcher(content).replaceAll(shortcode -> {
			if (Shortcodes.isEscaped(shortcode)) {
				return Matcher.quoteReplacement(Shortcodes.unescaped(shortcode));
			}
			String address = shortcode.group(5) == null ? "" : shortcode.group(5).strip();
			if (!ADDRESS.matcher(address).matches()) {
				return Matcher.quoteReplacement(shortcode.group());
			}
			return Matcher.quoteReplacement("\n\n" + marker(address) + "\n\n");
		});
	}

	/**
	 * A video address alone on a line (not inside a tag) or alone in a paragraph. Other addresses alone on a line
	 * stay text: WordPress showed them as text unless a plugin knew the site.
	 */
	static String videoAddresses(String content) {
		boolean onALine = hasAddressStartingALine(content);
		boolean inAParagraph = hasAddressAfterATag(content);
		if (!onALine && !inAParagraph) {
			return content;
		}
		String text = content;
		if (onALine) {
			text = Autop.newlinesInTags(text, LINE_BREAK_IN_TAG);
			text = ADDRESS_LINE.matcher(text).replaceAll(line -> isVideo(line.group(2))
					? Matcher.quoteReplacement(line.group(1) + "\n\n" + marker(line.group(2)) + "\n\n" + line.group(3))
					: Matcher.quoteReplacement(line.group()));
			text = text.replace(LINE_BREAK_IN_TAG, "\n");
		}
		if (inAParagraph) {
			text = Autop.at(text, "<", "pP", ADDRESS_PARAGRAPH, paragraph -> isVideo(paragraph.group(2))
					? paragraph.group(1) + marker(paragraph.group(2)) + paragraph.group(3) : paragraph.group());
		}
		return text;
	}

	/**
	 * Whether some address is the first thing on its line: the only lines {@link #ADDRESS_LINE} can match, checked
	 * without running it over the whole body.
	 */
	private static boolean hasAddressStartingALine(String content) {
		for (int at = content.indexOf("http"); at >= 0; at = content.indexOf("http", at + 4)) {
			int before = at - 1;
			while (before >= 0 && content.charAt(before) != '\n' && Character.isWhitespace(content.charAt(before))) {
				before--;
			}
			if (before < 0 || content.charAt(before) == '\n') {
				return true;
			}
		}
		return false;
	}

	/** Whether some address comes right after a tag, as in the only paragraphs {@link #ADDRESS_PARAGRAPH} can match. */
	private static boolean hasAddressAfterATag(String content) {
		for (int at = content.indexOf("://"); at >= 0; at = content.indexOf("://", at + 3)) {
			int before = at - 4;
			if (before > 0 && (content.charAt(before) | 0x20) == 's') {
				before--;
			}
			if (before < 0 || !content.regionMatches(true, before, "http", 0, 4)) {
				continue;
			}
			before--;
			while (before >= 0 && Character.isWhitespace(content.charAt(before))) {
				before--;
			}
			if (before >= 0 && content.charAt(before) == '>') {
				return true;
			}
		}
		return false;
	}

	static boolean isVideo(String address) {
		try {
			String host = new URI(address.replace("&amp;", "&")).getHost();
			return host != null && VIDEO_HOSTS.contains(host.toLowerCase(Locale.ROOT));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String marker(String address) {
		return "<" + MARKER + ">" + address + "</" + MARKER + ">";
	}

	private static String jsonUrl(String attributes) {
		if (attributes == null) {
			return null;
		}
		Matcher url = JSON_URL.matcher(attributes);
		if (!url.find()) {
			return null;
		}
		String address = unescapeJson(url.group(1));
		// Into HTML text, where "&copy=1" would otherwise be read as a character reference.
		return ADDRESS.matcher(address).matches() ? address.replace("&", "&amp;") : null;
	}

	private static String unescapeJson(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '\\' || i + 1 == value.length()) {
				out.append(c);
				continue;
			}
			char next = value.charAt(++i);
			if (next == 'u' && i + 4 < value.length()) {
				try {
					out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
					i += 4;
				}
				catch (NumberFormatException ex) {
					out.append(next);
				}
			}
			else {
				out.append(next);
			}
		}
		return out.toString();
	}
}
