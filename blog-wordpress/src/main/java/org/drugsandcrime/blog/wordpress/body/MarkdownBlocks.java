package org.drugsandcrime.blog.wordpress.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Writes a WordPress body, already HTML, as Markdown that {@code BodyRenderer} reads back to the same HTML: each
 * top-level block on its own lines, blocks separated by one blank line. CommonMark passes such HTML blocks through
 * untouched, so nothing in WordPress text can be misread as Markdown ("1986. ", "# ", "* ", indents, underscores in
 * words). The only Markdown written is an embedded address alone in its paragraph, escaped, for blog-core's
 * {@code VideoEmbeds} to turn into the player.
 */
final class MarkdownBlocks {

	/**
	 * The tags that start a CommonMark HTML block of kind 6 (ended only by a blank line), and {@code pre} (kind 1,
	 * ended by its closing tag). Any other top-level element goes into a paragraph.
	 */
	private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "base", "basefont",
			"blockquote", "body", "caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl",
			"dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
			"h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav",
			"noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody",
			"td", "tfoot", "th", "thead", "title", "tr", "track", "ul", "pre");

	private static final Evaluator EMBED = QueryParser.parse(Embeds.MARKER);

	/** What shows without text. */
	private static final Evaluator MEDIA = QueryParser.parse("img, iframe, video, audio, object, embed, input, hr");

	/** ASCII punctuation Markdown could read in an address: escaped, it stays the same text. */
	private static final String MARKDOWN_PUNCTUATION = "\\`*_[]<>&!~|#+-.(){}";

	private MarkdownBlocks() {
	}

	static String write(Document document) {
		Element body = document.body();
		body.forEachNode(node -> {
			if (node instanceof Comment) {
				node.remove();
			}
		});
		boolean embeds = body.selectFirst(EMBED) != null;
		List<String> blocks = new ArrayList<>();
		List<Node> paragraph = new ArrayList<>();
		for (Node node : new ArrayList<>(body.childNodes())) {
			String embedded = embeds && node instanceof Element element ? embeddedAddress(element) : null;
			if (embedded != null) {
				flush(paragraph, blocks);
				blocks.add(addressLine(embedded));
			}
			else if (node instanceof Element element && BLOCK_TAGS.contains(element.normalName())) {
				flush(paragraph, blocks);
				if (!isEmptyParagraph(element)) {
					if (embeds) {
						linkNestedAddresses(element);
					}
					blocks.add(block(element));
				}
			}
			else if (node instanceof TextNode text && text.isBlank() && paragraph.isEmpty()) {
				continue;
			}
			else {
				paragraph.add(node);
			}
		}
		flush(paragraph, blocks);
		return blocks.isEmpty() ? "" : String.join("\n\n", blocks) + "\n";
	}

	/** Inline content between blocks, as WordPress content outside any block is: one paragraph. */
	private static void flush(List<Node> nodes, List<String> blocks) {
		if (nodes.isEmpty()) {
			return;
		}
		Element paragraph = new Element("p");
		for (Node node : nodes) {
			paragraph.appendChild(node);
		}
		nodes.clear();
		while (paragraph.childNodeSize() > 0 && paragraph.childNode(paragraph.childNodeSize() - 1) instanceof TextNode last
				&& last.isBlank()) {
			last.remove();
		}
		if (!isEmptyParagraph(paragraph)) {
			linkNestedAddresses(paragraph);
			blocks.add(block(paragraph));
		}
	}

	/**
	 * The element as one HTML block: no blank line inside, since that would end it. Outside preformatted text a
	 * blank line is only whitespace and goes; inside, the line break is written as a character reference.
	 */
	private static String block(Element element) {
		String html = element.outerHtml();
		if (html.indexOf('\n') < 0) {
			return html;
		}
		if (element.normalName().equals("pre") && endsEarly(html)) {
			// Kind 1 ends at the first line holding </pre>, </script>, </style> or </textarea>; inside a div it is
			// kind 6, which only a blank line ends, and there are none.
			html = "<div>" + html + "</div>";
		}
		if (!hasBlankLine(html)) {
			return html;
		}
		// Only a choice between two ways of writing the same thing, so a quick look at the markup is enough.
		boolean preformatted = html.contains("<pre") || html.contains("<textarea");
		String[] lines = html.split("\n", -1);
		StringBuilder out = new StringBuilder(html.length() + 16).append(lines[0]);
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			if (!isBlank(line)) {
				out.append('\n').append(line);
			}
			else if (preformatted) {
				// The line break before it and its spaces, as references: the same text, and no blank line.
				out.append("&#10;");
				line.chars().forEach(c -> out.append("&#").append(c).append(';'));
			}
		}
		return out.toString();
	}

	/** Whether a line before the last would end a {@code <pre>} HTML block early. */
	private static boolean endsEarly(String html) {
		String beforeLastLine = html.substring(0, html.lastIndexOf('\n')).toLowerCase(Locale.ROOT);
		return beforeLastLine.contains("</pre>") || beforeLastLine.contains("</script>")
				|| beforeLastLine.contains("</style>") || beforeLastLine.contains("</textarea>");
	}

	private static boolean hasBlankLine(String html) {
		for (int newline = html.indexOf('\n'); newline >= 0; newline = html.indexOf('\n', newline + 1)) {
			int next = newline + 1;
			while (next < html.length() && (html.charAt(next) == ' ' || html.charAt(next) == '\t')) {
				next++;
			}
			if (next == html.length() || html.charAt(next) == '\n') {
				return true;
			}
		}
		return false;
	}

	/** Blank as CommonMark counts it: nothing, or only spaces and tabs. */
	private static boolean isBlank(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c != ' ' && c != '\t') {
				return false;
			}
		}
		return true;
	}

	/** The address of an embed that is all the element holds, so it can stand alone in its paragraph. */
	private static String embeddedAddress(Element element) {
		Element marker = element.normalName().equals(Embeds.MARKER) ? element : element.selectFirst(EMBED);
		if (marker == null || marker != element && element.select(EMBED).size() > 1) {
			return null;
		}
		String address = marker.text().strip();
		if (!Embeds.ADDRESS.matcher(address).matches()) {
			return null;
		}
		if (marker != element && (!element.text().strip().equals(address)
				|| element.selectFirst(MEDIA) != null)) {
			return null;
		}
		return address;
	}

	/** An embed inside a list or quote cannot be a player there: it stays a link, as WordPress's fallback is. */
	private static void linkNestedAddresses(Element element) {
		for (Element marker : element.select(EMBED)) {
			String address = marker.text().strip();
			if (Embeds.ADDRESS.matcher(address).matches()) {
				marker.replaceWith(new Element("a").attr("href", address).text(address));
			}
			else {
				marker.replaceWith(new TextNode(marker.text()));
			}
		}
	}

	private static boolean isEmptyParagraph(Element element) {
		return element.normalName().equals("p") && !element.hasText() && element.selectFirst(MEDIA) == null;
	}

	/** The address alone as a Markdown paragraph: every punctuation mark Markdown could read escaped. */
	static String addressLine(String address) {
		StringBuilder line = new StringBuilder(address.length() + 8);
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
				line.append('\\');
			}
			line.append(c);
		}
		return line.toString();
	}
}
