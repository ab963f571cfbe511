package org.drugsandcrime.blog.wordpress.body;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.drugsandcrime.blog.core.render.RenderedBody;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every body of the real sample, converted and rendered as the blog renders every body, against what WordPress
 * showed. The expected text is worked out without the converter: the WordPress HTML with the shortcode tags taken
 * out (a caption's text stays, as WordPress shows it) and every HTML comment ignored.
 */
class SampleBodiesTests {

	private static final Pattern SHORTCODE_TAG = Pattern.compile("\\[/?(?:caption|wp_caption|gallery|embed)[^\\]]*\\]");

	private static final BodyRenderer RENDERER = new BodyRenderer();

	private static List<WxrItem> items;

	private static final Map<Long, RenderedBody> RENDERED = new HashMap<>();

	@BeforeAll
	static void readSample() throws IOException {
		items = new ArrayList<>();
		try (InputStream in = SampleBodiesTests.class.getResourceAsStream("/wordpress/sample-50.wxr");
				WxrReader reader = WxrReader.open(new ByteArrayInputStream(in.readAllBytes()))) {
			for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
				if (entry instanceof WxrItem item) {
					items.add(item);
				}
			}
		}
		assertThat(items).hasSize(52);
	}

	@Test
	void everyBodyRendersToTheTextWordPressShowed() {
		for (WxrItem item : items) {
			RenderedBody rendered = render(item);

			String expected = visibleText(SHORTCODE_TAG.matcher(item.content()).replaceAll(""));
			assertThat(normalised(rendered.text())).as("post %d", item.postId()).isEqualTo(normalised(expected));
		}
	}

	@Test
	void noShortcodeIsLeftInAnyRenderedBody() {
		for (WxrItem item : items) {
			ConvertedBody converted = WordPressBodies.convert(item.content(), address -> null);

			assertThat(render(item).html()).as("post %d", item.postId()).doesNotContain("[caption", "[/caption]", "[gallery", "[embed");
			assertThat(converted.unknownShortcodes()).as("post %d", item.postId()).isEmpty();
		}
	}

	@Test
	void everyStructureWordPressShowedIsThereOnceConverted() {
		for (WxrItem item : items) {
			Document wordpress = Jsoup.parseBodyFragment(item.content());
			Document rendered = Jsoup.parseBodyFragment(render(item).html());

			for (String structure : List.of("li", "ul", "ol", "blockquote", "h2", "h3", "h4", "em", "strong", "a[href]",
					"img", "iframe", "figure", "figcaption")) {
				int captions = structure.startsWith("fig") ? count(item.content(), "[caption") : 0;
				assertThat(rendered.select(structure)).as("%s of post %d", structure, item.postId())
					.hasSize(wordpress.select(structure).size() + captions);
			}
			// Nothing in WordPress text was read as Markdown.
			assertThat(rendered.select("pre, code, h1, hr, del")).as("post %d", item.postId()).isEmpty();
		}
	}

	@Test
	void classicBodiesAreParagraphsWhereWordPressMadeThem() {
		for (WxrItem item : items) {
			if (BlockComments.hasBlocks(item.content())) {
				continue;
			}
			// A chunk between blank lines that is not itself a block (a list, heading, quote or caption) was a <p>;
			// one holding only <!--more--> showed nothing.
			long paragraphs = Pattern.compile("\n\\s*\n").splitAsStream(item.content().strip())
				.filter(chunk -> !chunk.strip().matches("(?s)^(<(ul|ol|h\\d|blockquote|iframe)|\\[caption).*"))
				.filter(chunk -> !chunk.strip().matches("<!--.*-->"))
				.count();
			long quoted = Jsoup.parseBodyFragment(item.content()).select("blockquote").size();

			assertThat(Jsoup.parseBodyFragment(render(item).html()).select("p"))
				.as("post %d", item.postId())
				.hasSize((int) (paragraphs + quoted + count(item.content(), "<iframe")));
		}
	}

	@Test
	void theVimeoPlayersSurviveTheSanitiser() {
		List<String> players = new ArrayList<>();
		for (WxrItem item : items) {
			Jsoup.parseBodyFragment(render(item).html()).select("iframe[src]").forEach(frame -> players.add(frame.attr("src")));
		}

		assertThat(players).hasSize(3).allMatch(src -> src.startsWith("https://player.vimeo.com/video/"));
	}

	private static RenderedBody render(WxrItem item) {
		return RENDERED.computeIfAbsent(item.postId(),
				id -> RENDERER.render(WordPressBodies.convert(item.content(), address -> null).markdown(), null));
	}

	private static String visibleText(String html) {
		return Jsoup.parseBodyFragment(html).body().text();
	}

	private static String normalised(String text) {
		return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
	}

	private static int count(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}
}
