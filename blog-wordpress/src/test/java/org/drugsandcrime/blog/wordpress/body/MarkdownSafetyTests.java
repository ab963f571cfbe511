package org.drugsandcrime.blog.wordpress.body;

import java.util.List;
import java.util.Random;

import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a WordPress body holds, the Markdown written for it is read by CommonMark as HTML blocks only, so it
 * renders to exactly the HTML it is: bodies made at random from text Markdown would misread and HTML WordPress
 * writes.
 */
class MarkdownSafetyTests {

	private static final List<String> PIECES = List.of("Text", "1986. ", "2) ", "# ", "## ", "* ", "- ", "+ ", "> ",
			"    ", "\t", "---", "===", "***", "_a_", "*b*", "__c__", "snake_case", "`code`", "```", "~~~", "~~s~~",
			"[x](y)", "![i](j)", "[ref]: /u", "<", ">", "&", "&amp;", "&nbsp;", "\\", "|", "| a | b |", "\n", "\n\n",
			"\n\n\n", "\n    \n", "<p>", "</p>", "<em>", "</em>", "<strong>", "<ul>", "<li>", "</li>", "</ul>", "<ol>",
			"<blockquote>", "</blockquote>", "<h2>", "</h2>", "<div>", "</div>", "<pre>", "</pre>", "<code>", "</code>",
			"<table>", "<tr>", "<td>", "</table>", "<br />", "<hr />", "<!--more-->", "<a href=\"https://x.example/\">",
			"</a>", "<img src=\"https://x.example/i.jpg\" alt=\"i\" />", "<span>", "</span>", "[caption width=\"2\"]",
			"[/caption]", "[note]", "[[caption]]", "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->", "<figure>",
			"</figure>", "<figcaption>", "</figcaption>", "<textarea>", "</textarea>", "<dl>", "<dt>", "<dd>");

	private static final Parser COMMONMARK = Parser.builder().build();

	private static final BodyRenderer RENDERER = new BodyRenderer();

	@Test
	void everyBlockOfTheMarkdownIsAnHtmlBlockRenderedAsItIs() {
		Random random = new Random(2026);
		for (int i = 0; i < 3_000; i++) {
			StringBuilder body = new StringBuilder();
			int pieces = 1 + random.nextInt(40);
			for (int k = 0; k < pieces; k++) {
				body.append(PIECES.get(random.nextInt(PIECES.size())));
			}
			String markdown = WordPressBodies.convert(body.toString(), address -> null).markdown();

			for (Node block = COMMONMARK.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
				assertThat(block).as("%s\n=>\n%s", body, markdown).isInstanceOf(HtmlBlock.class);
			}
			String rendered = RENDERER.render(markdown, null).text();
			String html = RENDERER.sanitise(markdown);
			assertThat(normalised(rendered)).as("%s\n=>\n%s", body, markdown)
				.isEqualTo(normalised(Jsoup.parseBodyFragment(html).text()));
		}
	}

	private static String normalised(String text) {
		return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
	}
}
