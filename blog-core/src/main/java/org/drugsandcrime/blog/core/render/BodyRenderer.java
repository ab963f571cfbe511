package org.drugsandcrime.blog.core.render;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import org.springframework.stereotype.Component;

/**
 * Renders Markdown once, when a post is saved (sagan's model): CommonMark with GitHub tables,
 * strikethrough and autolinks, then an allow-list sanitiser. Raw HTML in Markdown is allowed through the
 * parser so staff can embed videos, and the sanitiser decides what survives: no scripts, no event
 * handlers, no {@code javascript:} URLs, and iframes only from known video hosts. A YouTube or Vimeo address
 * alone on a line becomes that same iframe ({@link VideoEmbeds}).
 */
@Component
public class BodyRenderer {

	private static final int WORDS_PER_MINUTE = 220;

	private static final int EXCERPT_LENGTH = 280;

	private static final PolicyFactory VIDEO_IFRAMES = new HtmlPolicyBuilder().allowUrlProtocols("https")
		.allowElements("iframe")
		.allowAttributes("src")
		.matching(VideoPlayers.EMBED)
		.onElements("iframe")
		.allowAttributes("title", "allowfullscreen", "loading")
		.onElements("iframe")
		.allowAttributes("width", "height")
		.matching(Pattern.compile("^[0-9]{1,4}$"))
		.onElements("iframe")
		.allowAttributes("allow")
		.matching(Pattern.compile("^[a-z\\-; ]*$"))
		.onElements("iframe")
		.disallowWithoutAttributes("iframe")
		.toFactory();

	private static final PolicyFactory STRUCTURE = new HtmlPolicyBuilder()
		.allowElements("h2", "h3", "h4", "h5", "h6", "hr", "pre", "code", "figure", "figcaption", "del", "s", "sup",
				"sub", "abbr", "cite", "q", "mark", "small", "dl", "dt", "dd", "caption", "thead", "tbody", "tfoot")
		.allowElements((name, attributes) -> "h2", "h1")
		.allowAttributes("class")
		.matching(Pattern.compile("^language-[a-zA-Z0-9_+\\-]+$"))
		.onElements("code")
		.allowAttributes("id")
		.matching(Pattern.compile("^[a-zA-Z][a-zA-Z0-9_\\-]{0,63}$"))
		.onElements("h2", "h3", "h4")
		.allowAttributes("title")
		.onElements("abbr")
		.allowAttributes("width", "height", "loading")
		.onElements("img")
		.toFactory();

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.IMAGES)
		.and(Sanitizers.TABLES)
		.and(STRUCTURE)
		.and(VIDEO_IFRAMES);

	private final Parser parser;

	private final HtmlRenderer renderer;

	public BodyRenderer() {
		List<Extension> extensions = List.of(TablesExtension.create(), StrikethroughExtension.create(),
				AutolinkExtension.create());
		// After the autolink extension's post-processor, so a video address is already a link when it is looked at.
		this.parser = Parser.builder().extensions(extensions).postProcessor(new VideoEmbeds()).build();
		this.renderer = HtmlRenderer.builder().extensions(extensions).build();
		// CommonMark reads its table of HTML entities from its jar the first time a body holds one; read it now, at
		// start-up, rather than on the event loop of the first save that does.
		parser.parse("&amp;");
	}

	/**
	 * @param markdown the source as staff wrote it
	 * @param customExcerpt the excerpt staff wrote, or blank to derive one from the first paragraphs
	 */
	public RenderedBody render(String markdown, String customExcerpt) {
		String html = sanitise(renderer.render(parser.parse(markdown == null ? "" : markdown)));
		Document document = Jsoup.parseBodyFragment(html);
		// By tag rather than by a CSS query: a query string is parsed again on every call, and every import renders
		// thousands of bodies.
		for (Element image : document.getElementsByTag("img")) {
			if (!image.hasAttr("loading")) {
				image.attr("loading", "lazy");
			}
		}
		document.outputSettings().prettyPrint(false);
		String finished = document.body().html();
		String text = document.body().text();
		String excerpt = customExcerpt != null && !customExcerpt.isBlank() ? customExcerpt.strip()
				: derivedExcerpt(document);
		return new RenderedBody(finished, text, excerpt, readingMinutes(text));
	}

	/** Sanitises HTML that did not come through Markdown, such as imported posts. */
	public String sanitise(String html) {
		return POLICY.sanitize(html);
	}

	private static String derivedExcerpt(Document document) {
		StringBuilder excerpt = new StringBuilder();
		for (Element paragraph : document.getElementsByTag("p")) {
			String text = paragraph.text().strip();
			if (text.isEmpty()) {
				continue;
			}
			if (excerpt.length() > 0) {
				excerpt.append(' ');
			}
			excerpt.append(text);
			if (excerpt.length() >= EXCERPT_LENGTH / 2) {
				break;
			}
		}
		return shorten(excerpt.toString(), EXCERPT_LENGTH);
	}

	/** Cuts at a word boundary and marks the cut with an ellipsis. */
	public static String shorten(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		int cut = text.lastIndexOf(' ', maxLength - 1);
		if (cut < maxLength / 2) {
			cut = maxLength - 1;
		}
		return text.substring(0, cut).stripTrailing().replaceAll("[,;:.\\-–—]+$", "") + "…";
	}

	private static int readingMinutes(String text) {
		int words = 0;
		boolean inWord = false;
		// Counted in place: splitting a whole post into an array of words only to take its length was a tenth of
		// an import's rendering. Whitespace is what \s matches.
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
			if (!space && !inWord) {
				words++;
			}
			inWord = !space;
		}
		return Math.max(1, (int) Math.round(words / (double) WORDS_PER_MINUTE));
	}
}
