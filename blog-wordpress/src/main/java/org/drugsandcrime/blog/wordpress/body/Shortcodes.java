package org.drugsandcrime.blog.wordpress.body;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WordPress shortcodes, read with WordPress's own pattern ({@code get_shortcode_regex()}): {@code [caption]} becomes a
 * figure with its caption, {@code [gallery ids="..."]} its images; any other shortcode is left as the text it is,
 * and named so the import can report it. ({@code [embed]} is {@link Embeds}'s: WordPress runs it before autop.)
 */
final class Shortcodes {

	private static final Pattern KNOWN = pattern("caption|wp_caption|gallery");

	/** Any name WordPress would take for a shortcode, to find the ones the blog does not know. */
	private static final Pattern ANY = pattern("[A-Za-z][\\w-]*");

	/** {@code shortcode_parse_atts()}. */
	private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)\\s*=\\s*\"([^\"]*)\"(?:\\s|$)|([\\w-]+)\\s*=\\s*'([^']*)'(?:\\s|$)"
			+ "|([\\w-]+)\\s*=\\s*([^\\s'\"]+)(?:\\s|$)|\"([^\"]*)\"(?:\\s|$)|'([^']*)'(?:\\s|$)|(\\S+)(?:\\s|$)");

	private static final Pattern NAMED_ATTRIBUTE = Pattern.compile("[\\w-]+\\s*=");

	/** img_caption_shortcode(): the image (perhaps in a link) first, the caption after it. */
	private static final Pattern CAPTIONED_IMAGE = Pattern.compile("((?:<a [^>]+>\\s*)?<img [^>]+>(?:\\s*</a>)?)(.*)",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern IDS = Pattern.compile("\\d+");

	/** shortcode_parse_atts() reads a no-break or zero-width space as a plain one. */
	private static final Pattern INVISIBLE_SPACES = Pattern.compile("[\\u00a0\\u200b]+");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	/** PHP's (int) "300px" is 300. */
	private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d{1,6})");

	private Shortcodes() {
	}

	/**
	 * WordPress's shortcode pattern for the names {@code names} matches. Groups: 1 and 6 the second brackets of an
	 * escaped {@code [[name]]}, 2 the name, 3 the attributes, 4 the slash of {@code [name /]}, 5 the enclosed content.
	 */
	static Pattern pattern(String names) {
		return Pattern.compile("\\[(\\[?)(" + names + ")(?![\\w-])([^\\]/]*(?:/(?!\\])[^\\]/]*)*?)"
				+ "(?:(/)\\]|\\](?:([^\\[]*+(?:\\[(?!/\\2\\])[^\\[]*+)*+)\\[/\\2\\])?)(\\]?)");
	}

	static boolean isEscaped(MatchResult shortcode) {
		return shortcode.group(1).equals("[") && shortcode.group(6).equals("]");
	}

	/** {@code [[name]]} is how WordPress writes the text {@code [name]}. */
	static String unescaped(MatchResult shortcode) {
		String whole = shortcode.group();
		return whole.substring(1, whole.length() - 1);
	}

	/**
	 * Captions and galleries replaced by HTML. {@code attachmentAddress} gives a gallery image's address by its
	 * attachment id, or null; the ids without one go to {@code missing}.
	 */
	static String replaceKnown(String html, LongFunction<String> attachmentAddress, Consumer<Long> missing) {
		if (!html.contains("[")) {
			return html;
		}
		return KNOWN.matcher(html).replaceAll(shortcode -> {
			if (isEscaped(shortcode)) {
				return Matcher.quoteReplacement(unescaped(shortcode));
			}
			String name = shortcode.group(2);
			Map<String, String> attributes = attributes(shortcode.group(3));
			String content = shortcode.group(5) == null ? "" : shortcode.group(5);
			String replacement = name.equals("gallery") ? gallery(attributes, attachmentAddress, missing)
					: caption(attributes, replaceKnown(content, attachmentAddress, missing));
			return Matcher.quoteReplacement(replacement == null ? shortcode.group() : replacement);
		});
	}

	/**
	 * The names of shortcodes in {@code content} the blog cannot show, escaped ones aside. Text in brackets counts
	 * only when it looks like a shortcode: it has a closing tag, a {@code name=} attribute, a closing slash, or
	 * stands alone on its line; so "[sic]" in a sentence is not reported. A {@code [gallery]} without ids and an
	 * {@code [embed]} without an address count as unknown too: nothing can be shown for them.
	 */
	static void findUnknown(String content, Consumer<String> unknown) {
		if (!content.contains("[")) {
			return;
		}
		Matcher shortcode = ANY.matcher(content);
		while (shortcode.find()) {
			if (isEscaped(shortcode)) {
				continue;
			}
			String name = shortcode.group(2);
			String attributes = shortcode.group(3);
			String enclosed = shortcode.group(5);
			boolean shown = switch (name) {
				case "caption", "wp_caption" -> true;
				case "gallery" -> !galleryIds(attributes(attributes)).isEmpty();
				case "embed" -> enclosed != null && Embeds.ADDRESS.matcher(enclosed.strip()).matches();
				default -> false;
			};
			boolean looksLikeShortcode = enclosed != null || shortcode.group(4) != null
					|| NAMED_ATTRIBUTE.matcher(attributes).find() || aloneOnItsLine(content, shortcode);
			if (!shown && looksLikeShortcode) {
				unknown.accept(name);
			}
			if (enclosed != null) {
				// What a shortcode encloses is text too, and may hold other shortcodes.
				findUnknown(enclosed, unknown);
			}
		}
	}

	static Map<String, String> attributes(String text) {
		Map<String, String> attributes = new LinkedHashMap<>();
		Matcher attribute = ATTRIBUTE.matcher(INVISIBLE_SPACES.matcher(text).replaceAll(" "));
		int position = 0;
		while (attribute.find()) {
			if (attribute.group(1) != null) {
				attributes.put(attribute.group(1).toLowerCase(Locale.ROOT), attribute.group(2));
			}
			else if (attribute.group(3) != null) {
				attributes.put(attribute.group(3).toLowerCase(Locale.ROOT), attribute.group(4));
			}
			else if (attribute.group(5) != null) {
				attributes.put(attribute.group(5).toLowerCase(Locale.ROOT), attribute.group(6));
			}
			else {
				String value = attribute.group(7) != null ? attribute.group(7)
						: attribute.group(8) != null ? attribute.group(8) : attribute.group(9);
				attributes.put(Integer.toString(position++), value);
			}
		}
		return attributes;
	}

	/**
	 * As img_caption_shortcode(): the caption is the {@code caption} attribute or the text after the image; with
	 * no caption or no width WordPress showed the image alone.
	 */
	private static String caption(Map<String, String> attributes, String content) {
		String caption = attributes.get("caption");
		if (caption == null) {
			Matcher image = CAPTIONED_IMAGE.matcher(content);
			if (image.find()) {
				content = image.group(1);
				caption = image.group(2).strip();
			}
		}
		if (caption == null || caption.isEmpty() || width(attributes.get("width")) < 1) {
			return content;
		}
		return "<figure>" + content.strip() + "<figcaption>" + caption + "</figcaption></figure>";
	}

	private static String gallery(Map<String, String> attributes, LongFunction<String> attachmentAddress,
			Consumer<Long> missing) {
		List<Long> attachments = galleryIds(attributes);
		if (attachments.isEmpty()) {
			// Without ids WordPress showed the post's attached images, which a body alone cannot name.
			return null;
		}
		StringBuilder figure = new StringBuilder("<figure>");
		for (long id : attachments) {
			String address = attachmentAddress.apply(id);
			if (address == null || address.isBlank()) {
				missing.accept(id);
				continue;
			}
			figure.append("<img src=\"").append(attributeValue(address)).append("\" alt=\"\">");
		}
		return figure.append("</figure>").toString();
	}

	private static List<Long> galleryIds(Map<String, String> attributes) {
		String ids = attributes.getOrDefault("ids", attributes.getOrDefault("include", ""));
		return IDS.matcher(ids).results().map(id -> Long.parseLong(id.group())).toList();
	}

	private static boolean aloneOnItsLine(String html, Matcher shortcode) {
		int lineStart = html.lastIndexOf('\n', shortcode.start() - 1) + 1;
		int lineEnd = html.indexOf('\n', shortcode.end());
		String before = stripTags(html.substring(lineStart, shortcode.start()));
		String after = stripTags(html.substring(shortcode.end(), lineEnd < 0 ? html.length() : lineEnd));
		return before.isBlank() && after.isBlank();
	}

	private static String stripTags(String html) {
		return TAG.matcher(html).replaceAll("");
	}

	private static int width(String value) {
		if (value == null) {
			return 0;
		}
		Matcher digits = LEADING_NUMBER.matcher(value);
		return digits.find() ? Integer.parseInt(digits.group(1)) : 0;
	}

	private static String attributeValue(String value) {
		return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** The attachment ids of every {@code [gallery]}, so the import can bring their files first. */
	static List<Long> galleryIds(String content) {
		if (!content.contains("[gallery")) {
			return List.of();
		}
		Matcher shortcode = KNOWN.matcher(content);
		Set<Long> ids = new LinkedHashSet<>();
		while (shortcode.find()) {
			if (shortcode.group(2).equals("gallery") && !isEscaped(shortcode)) {
				ids.addAll(galleryIds(attributes(shortcode.group(3))));
			}
			if (shortcode.group(5) != null) {
				ids.addAll(galleryIds(shortcode.group(5)));
			}
		}
		return List.copyOf(ids);
	}
}
