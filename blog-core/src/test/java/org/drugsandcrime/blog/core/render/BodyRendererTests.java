package org.drugsandcrime.blog.core.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyRendererTests {

	private final BodyRenderer renderer = new BodyRenderer();

	@Test
	void scriptTagsNeverSurviveRendering() {
		RenderedBody body = renderer.render("Hello <script>alert(1)</script> world\n\n<script src=\"x.js\"></script>", null);
		assertThat(body.html()).doesNotContainIgnoringCase("<script").doesNotContain("alert(1)");
		assertThat(body.html()).contains("Hello");
	}

	@Test
	void eventHandlersAndJavascriptUrlsAreRemoved() {
		RenderedBody body = renderer.render("""
				<img src="x.png" onerror="alert(1)" alt="chart">

				<a href="javascript:alert(1)" onclick="steal()">click</a> and [md](javascript:alert(2))

				<p onmouseover="alert(3)">hover</p>
				""", null);
		assertThat(body.html()).doesNotContainIgnoringCase("onerror")
			.doesNotContainIgnoringCase("onclick")
			.doesNotContainIgnoringCase("onmouseover")
			.doesNotContainIgnoringCase("javascript:");
		assertThat(body.html()).contains("<img").contains("alt=\"chart\"").contains("hover");
	}

	@Test
	void iframesSurviveOnlyFromKnownVideoHosts() {
		RenderedBody body = renderer.render("""
				<iframe src="https://www.youtube-nocookie.com/embed/abcdEFGhijk" title="Interview" width="560" height="315" allowfullscreen></iframe>

				<iframe src="https://evil.example.com/embed/x"></iframe>

				<iframe src="http://www.youtube.com/embed/plainhttp1"></iframe>
				""", null);
		assertThat(body.html()).contains("https://www.youtube-nocookie.com/embed/abcdEFGhijk");
		assertThat(body.html()).doesNotContain("evil.example.com").doesNotContain("plainhttp1");
	}

	@Test
	void aYoutubeAddressAloneOnALineBecomesThePlayer() {
		String html = renderer.render("""
				Watch the interview:

				https://www.youtube.com/watch?v=Lr2Wd6sFg9U

				https://youtu.be/Hp5Ty8cJm1K?t=1m30s

				https://www.youtube.com/shorts/Xq7Rp2LmT0a
				""", null).html();
		assertThat(html).contains("<p>Watch the interview:</p>")
			.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/Lr2Wd6sFg9U\" title=\"YouTube video\"")
			.contains("src=\"https://www.youtube-nocookie.com/embed/Hp5Ty8cJm1K?start=90\"")
			.contains("src=\"https://www.youtube-nocookie.com/embed/Xq7Rp2LmT0a\"")
			.doesNotContain("<a href=\"https://www.youtube.com/watch");
	}

	@Test
	void aVimeoAddressAloneOnALineBecomesThePlayer() {
		String html = renderer.render("https://vimeo.com/76979871\n\nhttps://vimeo.com/123456789/abcdef1234", null).html();
		assertThat(html).contains("<iframe src=\"https://player.vimeo.com/video/76979871\" title=\"Vimeo video\"")
			.contains("src=\"https://player.vimeo.com/video/123456789?h=abcdef1234\"");
	}

	@Test
	void aVideoLineInsideAParagraphSplitsItAroundThePlayer() {
		String html = renderer.render("Before the video.\nhttps://youtu.be/Lr2Wd6sFg9U\nAfter the video.", null).html();
		assertThat(html).containsSubsequence("<p>Before the video.</p>", "<iframe src=\"https://www.youtube-nocookie.com/embed/Lr2Wd6sFg9U\"",
				"<p>After the video.</p>");
	}

	@Test
	void videoAddressesWithinTextOrWithTheirOwnLinkTextStayLinks() {
		String html = renderer.render("""
				See https://www.youtube.com/watch?v=Lr2Wd6sFg9U for the interview.

				[the interview](https://www.youtube.com/watch?v=Lr2Wd6sFg9U)

				    https://www.youtube.com/watch?v=Lr2Wd6sFg9U

				> https://youtu.be/Lr2Wd6sFg9U
				""", null).html();
		assertThat(html).doesNotContain("<iframe");
		assertThat(html).contains("<a href=\"https://www.youtube.com/watch?v=Lr2Wd6sFg9U\"").contains("the interview</a>");
	}

	@Test
	void addressesThatOnlyLookLikeVideosStayLinks() {
		String html = renderer.render("""
				https://www.youtube.com/watch?v=short

				https://youtube.com.evil.example/watch?v=Lr2Wd6sFg9U

				https://www.youtube.com/watch?v=Lr2Wd6sFg9U"onload="alert(1)

				https://vimeo.com/channels/staffpicks

				javascript://youtu.be/Lr2Wd6sFg9U
				""", null).html();
		assertThat(html).doesNotContain("<iframe").doesNotContainIgnoringCase(" onload=").doesNotContain("href=\"javascript:");
	}

		@Test
	void markdownBecomesHtmlWithHeadingsListsAndTables() {
		RenderedBody body = renderer.render("""
				## Findings

				* reoffending down 8%
				* costs *level*

				| pilot | result |
				|---|---|
				| Peterborough | 8.4% |
				""", null);
		assertThat(body.html()).contains("<h2>Findings</h2>").contains("<li>reoffending down 8%</li>")
			.contains("<em>level</em>").contains("<td>Peterborough</td>");
	}

	@Test
	void excerptComesFromTheFirstParagraphsUnlessStaffWroteOne() {
		String markdown = "## Heading\n\nFirst paragraph about probation.\n\nSecond paragraph.";
		assertThat(renderer.render(markdown, null).excerpt()).startsWith("First paragraph about probation.");
		assertThat(renderer.render(markdown, "  Written by staff. ").excerpt()).isEqualTo("Written by staff.");
	}

	@Test
	void longExcerptsAreCutAtAWordWithAnEllipsis() {
		String text = "word ".repeat(200);
		String excerpt = renderer.render(text, null).excerpt();
		assertThat(excerpt).endsWith("…").hasSizeLessThanOrEqualTo(281);
		assertThat(excerpt).doesNotContain("wor…");
	}

	@Test
	void readingTimeCountsWordsAtAboutTwoHundredAMinute() {
		assertThat(renderer.render("word ".repeat(1100), null).readingMinutes()).isEqualTo(5);
		assertThat(renderer.render("", null).readingMinutes()).isEqualTo(1);
	}

	@Test
	void readingTimeCountsWordsAcrossParagraphsListsAndLineBreaks() {
		String words = "one two  three\tfour\n\nfive\n- six\n- seven\n\n   eight   ";
		// Eight words a copy (the list's dashes are gone once rendered). 552 words round up to 3 minutes, where
		// seven a copy would round down to 2; 768 round down to 3, where nine a copy would round up to 4.
		assertThat(renderer.render((words + "\n\n").repeat(69), null).readingMinutes()).isEqualTo(3);
		assertThat(renderer.render((words + "\n\n").repeat(96), null).readingMinutes()).isEqualTo(3);
	}
}
