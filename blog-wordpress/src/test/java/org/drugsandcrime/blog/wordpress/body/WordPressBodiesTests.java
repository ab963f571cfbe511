package org.drugsandcrime.blog.wordpress.body;

import java.util.Map;

import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordPressBodiesTests {

	private static final BodyRenderer RENDERER = new BodyRenderer();

	@Test
	void aClassicBodyHasParagraphsAtBlankLinesAndLineBreaksAtSingleNewlines() {
		Document page = rendered("First line\nsecond line\n\nNext paragraph");

		assertThat(page.select("p")).hasSize(2);
		assertThat(page.select("p").get(0).select("br")).hasSize(1);
		assertThat(page.select("p").get(0).text()).isEqualTo("First line second line");
		assertThat(page.select("p").get(1).text()).isEqualTo("Next paragraph");
	}

	@Test
	void wordPressTextIsNeverReadAsMarkdown() {
		String text = """
				1986. The year it began.

				# not a heading

				* not a list

				- nor this

				+ nor this

				    four spaces are not code

				snake_case_word, 2*3*4, __init__, `ticks`, [brackets](here) and a < b > c & d

				> not a quote
				""";

		Document page = rendered(text);

		assertThat(page.select("ol, ul, li, h1, h2, pre, code, em, strong, a, blockquote")).isEmpty();
		assertThat(page.select("p")).hasSize(8);
		assertThat(page.body().text()).isEqualTo(Jsoup.parse(text.replace("<", "&lt;")).text());
	}

	@Test
	void gutenbergBlockCommentsGoAndTheirContentStaysWithoutAutop() {
		String body = """
				<!-- wp:paragraph {"className":"intro"} -->
				<p>One line
				still the same line</p>
				<!-- /wp:paragraph -->

				<!-- wp:separator -->
				<hr class="wp-block-separator"/>
				<!-- /wp:separator -->

				<!-- wp:list -->
				<ul><li>A</li><li>B</li></ul>
				<!-- /wp:list -->
				""";

		ConvertedBody converted = WordPressBodies.convert(body, address -> null);
		Document page = render(converted);

		assertThat(converted.markdown()).doesNotContain("wp:");
		assertThat(page.select("p")).singleElement().satisfies(p -> assertThat(p.select("br")).isEmpty());
		assertThat(page.select("hr")).hasSize(1);
		assertThat(page.select("li")).extracting(Element::text).containsExactly("A", "B");
		assertThat(converted.unknownShortcodes()).isEmpty();
	}

	@Test
	void aBlockWordPressDrewWhenShowingThePageIsNamed() {
		ConvertedBody converted = WordPressBodies.convert("""
				<!-- wp:paragraph --><p>Recent:</p><!-- /wp:paragraph -->
				<!-- wp:latest-posts {"postsToShow":3} /-->
				<!-- wp:block {"ref":123} /-->
				""", address -> null);

		assertThat(converted.unknownShortcodes()).containsExactly("wp:latest-posts", "wp:block");
		assertThat(render(converted).text()).isEqualTo("Recent:");
	}

	@Test
	void aCaptionBecomesAFigureWithItsCaption() {
		Document page = rendered("""
				Before.

				[caption id="attachment_12" align="aligncenter" width="300"]<a href="https://old.example.org/full.jpg"><img src="https://old.example.org/small.jpg" alt="A hostel" width="300" height="200" /></a> The hostel in <em>Leeds</em>[/caption]

				After.
				""");

		Element figure = page.selectFirst("figure");
		assertThat(figure).isNotNull();
		assertThat(figure.select("a > img").attr("src")).isEqualTo("https://old.example.org/small.jpg");
		assertThat(figure.select("figcaption").html()).isEqualTo("The hostel in <em>Leeds</em>");
		assertThat(page.select("p")).extracting(Element::text).containsExactly("Before.", "After.");
		assertThat(page.html()).doesNotContain("[caption", "[/caption]");
	}

	@Test
	void anOldCaptionAttributeIsTheCaptionToo() {
		Document page = rendered("[caption id=\"\" align=\"alignleft\" width=\"200\" caption=\"Taken in 2009\"]"
				+ "<img src=\"https://old.example.org/a.jpg\" alt=\"\" />[/caption]");

		assertThat(page.select("figure > figcaption").text()).isEqualTo("Taken in 2009");
	}

	@Test
	void aCaptionWithoutAWidthShowsTheImageAloneAsWordPressDid() {
		Document page = rendered("[caption]<img src=\"https://old.example.org/a.jpg\" alt=\"x\" /> Lost caption[/caption]");

		assertThat(page.select("figure")).isEmpty();
		assertThat(page.select("img")).hasSize(1);
	}

	@Test
	void anEmbedShortcodeOfAVideoBecomesThePlayer() {
		ConvertedBody converted = WordPressBodies.convert(
				"Watch this:\n\n[embed width=\"640\"]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\nThen read on.",
				address -> null);

		Document page = render(converted);
		assertThat(page.select("iframe").attr("src")).isEqualTo("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
		assertThat(page.select("p")).extracting(Element::text).containsExactly("Watch this:", "Then read on.");
		assertThat(converted.unknownShortcodes()).isEmpty();
	}

	@Test
	void anEmbedOfAnythingElseBecomesALink() {
		Document page = rendered("[embed]https://twitter.com/someone/status/1[/embed]");

		assertThat(page.select("iframe")).isEmpty();
		assertThat(page.select("a").attr("href")).isEqualTo("https://twitter.com/someone/status/1");
	}

	@Test
	void aVideoAddressAloneOnALineBecomesThePlayerAndTheLinesAroundItStay() {
		Document page = rendered("Before the video\nhttps://vimeo.com/51604367\nafter the video");

		assertThat(page.select("iframe").attr("src")).isEqualTo("https://player.vimeo.com/video/51604367");
		assertThat(page.select("p")).extracting(Element::text).containsExactly("Before the video", "after the video");
	}

	@Test
	void aVideoAddressWithUnderscoresAndAmpersandsStillBecomesThePlayer() {
		Document page = rendered("https://www.youtube.com/watch?v=a_b_cdefg_h&amp;t=90");

		assertThat(page.select("iframe").attr("src"))
			.isEqualTo("https://www.youtube-nocookie.com/embed/a_b_cdefg_h?start=90");
	}

	@Test
	void aVideoAddressInsideASentenceOrAListStaysText() {
		Document page = rendered("See https://vimeo.com/51604367 for more.\n\n<ul>\n<li>https://vimeo.com/1234</li>\n</ul>");

		assertThat(page.select("iframe")).isEmpty();
		assertThat(page.text()).contains("See https://vimeo.com/51604367 for more.", "https://vimeo.com/1234");
	}

	@Test
	void aGutenbergEmbedBlockBecomesThePlayerWithItsCaption() {
		String body = """
				<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
				<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
				https://www.youtube.com/watch?v=dQw4w9WgXcQ
				</div><figcaption class="wp-element-caption">The minister's interview</figcaption></figure>
				<!-- /wp:embed -->

				<!-- wp:core-embed/vimeo {"url":"https://vimeo.com/51604367","type":"video","providerNameSlug":"vimeo"} -->
				<figure class="wp-block-embed-vimeo wp-block-embed is-type-video is-provider-vimeo"><div class="wp-block-embed__wrapper">
				https://vimeo.com/51604367
				</div></figure>
				<!-- /wp:core-embed/vimeo -->
				""";

		Document page = rendered(body);

		assertThat(page.select("iframe")).extracting(frame -> frame.attr("src")).containsExactly(
				"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://player.vimeo.com/video/51604367");
		assertThat(page.select("p")).extracting(Element::text).containsExactly("The minister's interview");
	}

	@Test
	void anEmbedBlockWrittenAsOneCommentStillBecomesThePlayer() {
		ConvertedBody converted = WordPressBodies.convert(
				"<!-- wp:embed {\"url\":\"https:\\/\\/vimeo.com\\/51604367\",\"type\":\"video\"} /-->", address -> null);

		assertThat(render(converted).select("iframe").attr("src")).isEqualTo("https://player.vimeo.com/video/51604367");
		assertThat(converted.unknownShortcodes()).isEmpty();
	}

	@Test
	void aGalleryShowsItsImagesAndNamesTheMissingOnes() {
		Map<Long, String> attachments = Map.of(1L, "https://old.example.org/wp-content/uploads/a.jpg", 3L,
				"https://old.example.org/wp-content/uploads/c.jpg");

		ConvertedBody converted = WordPressBodies.convert("[gallery columns=\"2\" ids=\"1,2,3\"]",
				address -> address.endsWith("a.jpg") ? "/media/a.jpg" : null, attachments::get);

		assertThat(render(converted).select("figure img")).extracting(image -> image.attr("src"))
			.containsExactly("/media/a.jpg", "https://old.example.org/wp-content/uploads/c.jpg");
		assertThat(converted.missingAttachmentIds()).containsExactly(2L);
		assertThat(converted.keptImageAddresses()).containsExactly("https://old.example.org/wp-content/uploads/c.jpg");
		assertThat(converted.unknownShortcodes()).isEmpty();
		assertThat(WordPressBodies.galleryAttachmentIds("[gallery ids=\"1,2,3\"] and [gallery include=\"3,4\"]"))
			.containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void aGalleryWithoutIdsIsKeptAsTextAndNamed() {
		ConvertedBody converted = WordPressBodies.convert("[gallery columns=\"3\"]", address -> null);

		assertThat(converted.unknownShortcodes()).containsExactly("gallery");
		assertThat(render(converted).text()).isEqualTo("[gallery columns=\"3\"]");
	}

	@Test
	void unknownShortcodesStayAsTextAndAreNamedOnce() {
		String body = """
				[contact-form-7 id="12" title="Contact"]

				[note]Remember this[/note] and again [note]twice[/note].

				[toc]

				Quoting them [sic] is fine, and [[caption]] is how WordPress writes the word.
				""";

		ConvertedBody converted = WordPressBodies.convert(body, address -> null);

		assertThat(converted.unknownShortcodes()).containsExactly("contact-form-7", "note", "toc");
		assertThat(render(converted).text()).contains("[contact-form-7 id=\"12\" title=\"Contact\"]",
				"[note]Remember this[/note]", "[toc]", "[sic]", "and [caption] is how WordPress writes the word.");
	}

	@Test
	void imageAddressesAreTheAbsoluteImageSourcesInOrder() {
		String body = """
				<img src="https://old.example.org/wp-content/uploads/b.jpg" />
				[caption width="10"]<img src="http://old.example.org/wp-content/uploads/a.jpg" /> A[/caption]
				<img src="/relative.png" /><img src="https://old.example.org/wp-content/uploads/b.jpg" />
				[gallery ids="7"]
				""";

		assertThat(WordPressBodies.imageAddresses(body)).containsExactly(
				"https://old.example.org/wp-content/uploads/b.jpg", "http://old.example.org/wp-content/uploads/a.jpg");
	}

	@Test
	void imagesWithANewAddressMoveAndTheOthersAreKeptAndNamed() {
		String body = "<a href=\"https://old.example.org/up/big.jpg\"><img src=\"https://old.example.org/up/small.jpg\" "
				+ "srcset=\"https://old.example.org/up/small-300.jpg 300w\" alt=\"Chart\" /></a>\n\n"
				+ "<img src=\"https://elsewhere.example.com/x.png\" alt=\"\" />";
		Map<String, String> moved = Map.of("https://old.example.org/up/small.jpg", "/media/small.jpg",
				"https://old.example.org/up/big.jpg", "/media/big.jpg");

		ConvertedBody converted = WordPressBodies.convert(body, moved::get);

		Document page = render(converted);
		assertThat(page.select("a").attr("href")).isEqualTo("/media/big.jpg");
		assertThat(page.select("a img").attr("src")).isEqualTo("/media/small.jpg");
		assertThat(converted.markdown()).doesNotContain("srcset");
		assertThat(converted.keptImageAddresses()).containsExactly("https://elsewhere.example.com/x.png");
	}

	@Test
	void htmlMarkdownCannotHoldIsKeptAndSanitisedAsEveryBody() {
		Document page = rendered("""
				<table><tr><td>Year</td><td>Rate</td></tr><tr><td>2013</td><td>45%</td></tr></table>

				<script>alert(1)</script><p onclick="steal()">Text</p>

				<iframe src="https://evil.example.com/x"></iframe>
				""");

		assertThat(page.select("td")).hasSize(4);
		assertThat(page.html()).doesNotContain("script", "alert", "onclick", "evil.example.com");
		assertThat(page.select("p").eachText()).containsExactly("Text");
	}

	@Test
	void preformattedTextKeepsItsBlankLinesAndNoLineBreaksAreAdded() {
		String code = "first\n\n    indented\n\n\nlast";

		Document page = rendered("<pre>" + code + "</pre>\n\n<div class=\"code\"><pre>" + code + "</pre></div>\n\nAfter");

		assertThat(page.select("pre")).hasSize(2).allSatisfy(pre -> assertThat(pre.wholeText()).isEqualTo(code));
		assertThat(page.select("pre br")).isEmpty();
		assertThat(page.select("p")).extracting(Element::text).containsExactly("After");
	}

	@Test
	void theMoreMarkerAndOtherCommentsLeaveNoTrace() {
		ConvertedBody converted = WordPressBodies.convert("Teaser.\n\n<!--more-->\n\nThe rest.", address -> null);

		assertThat(converted.markdown()).isEqualTo("<p>Teaser.</p>\n\n<p>The rest.</p>\n");
	}

	@Test
	void anEmptyBodyIsEmpty() {
		assertThat(WordPressBodies.convert("", address -> null).markdown()).isEmpty();
		assertThat(WordPressBodies.convert(null, address -> null).markdown()).isEmpty();
		assertThat(WordPressBodies.convert("  \n\n ", address -> null).markdown()).isEmpty();
	}

	@Test
	void autopFollowsWordPressAroundBlocks() {
		assertThat(Autop.autop("Text\n<blockquote>Quote\nmore</blockquote>\nAfter"))
			.isEqualTo("<p>Text</p>\n<blockquote><p>Quote<br />\nmore</p></blockquote>\n<p>After</p>\n");
		assertThat(Autop.autop("<ul>\n<li>One</li>\n<li>Two</li>\n</ul>"))
			.isEqualTo("<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n");
		assertThat(Autop.autop("<a\nhref=\"x\">link</a> text")).isEqualTo("<p><a\nhref=\"x\">link</a> text</p>\n");
	}

	private static Document rendered(String wpContent) {
		return render(WordPressBodies.convert(wpContent, address -> null));
	}

	private static Document render(ConvertedBody converted) {
		return Jsoup.parseBodyFragment(RENDERER.render(converted.markdown(), null).html());
	}
}
