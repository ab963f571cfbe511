package org.drugsandcrime.blog.web.quality;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import nu.validator.client.EmbeddedValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The markup of the pages readers see: valid HTML5 by the Nu HTML Checker (run in-process, offline), the
 * elements search engines and social sites read, and a label for every form field.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MarkupTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
	}

	@Test
	void everyKindOfPageIsValidHtml5WithItsMetadataAndLabelledFields() throws Exception {
		String word = Readers.unique("markupword");
		String category = Readers.unique("Markup Category");
		Post post = readers.posts().draft("Markup & <validity> " + word).category(category).tag("markup")
			.body("A paragraph about " + word + " and probation.\n\n## A heading\n\n- a list item\n\n[a link](https://example.org)")
			.publish();
		readers.approvedComment(post, null, "Ann", "A comment with <b>angle brackets</b> & an https://example.org link.");
		Map<String, Integer> pages = Map.of("/", 200, "/posts/" + post.getSlug(), 200,
				"/category/" + category.toLowerCase().replace(' ', '-'), 200, "/search?q=" + word, 200,
				"/no-such-page", 404);

		for (var page : pages.entrySet()) {
			String html = fetch(page.getKey(), page.getValue());
			assertThat(errors(html)).as("Nu HTML Checker on " + page.getKey()).isEmpty();
			Document document = Jsoup.parse(html);
			assertThat(document.selectFirst("html").attr("lang")).as(page.getKey()).isEqualTo("en-GB");
			assertThat(document.title()).as(page.getKey()).isNotBlank();
			assertThat(everyFieldHasALabel(document)).as("unlabelled fields on " + page.getKey()).isEmpty();
			if (page.getValue() == 200) {
				assertThat(content(document, "meta[name=description]")).as(page.getKey()).isNotBlank();
				assertThat(document.selectFirst("link[rel=canonical]").attr("href")).as(page.getKey()).startsWith("http");
				for (String property : List.of("og:title", "og:type", "og:url", "og:site_name", "og:description")) {
					assertThat(content(document, "meta[property=" + property + "]")).as(page.getKey() + " " + property).isNotBlank();
				}
				assertThat(content(document, "meta[name=twitter:card]")).as(page.getKey()).isNotBlank();
				assertThat(document.select("link[rel=alternate][type=application/rss+xml]")).as(page.getKey()).isNotEmpty();
			}
		}

		Document postPage = Jsoup.parse(fetch("/posts/" + post.getSlug(), 200));
		JsonNode blogPosting = JsonMapper.builder().build()
			.readTree(postPage.selectFirst("script[type=application/ld+json]").data());
		assertThat(blogPosting.get("@type").asString()).isEqualTo("BlogPosting");
		assertThat(blogPosting.get("headline").asString()).isEqualTo("Markup & <validity> " + word);
		assertThat(blogPosting.get("datePublished").asString()).isNotBlank();
		assertThat(blogPosting.get("author").get("name").asString()).isEqualTo("Test Author");
		assertThat(content(postPage, "meta[property=og:type]")).isEqualTo("article");
		assertThat(postPage.select("form textarea, form input[type=email], form input[type=search]")).isNotEmpty();
	}

	/** Fields a reader fills in that no label names: neither a label for their id, nor a wrapping label, nor aria-label. */
	private static List<String> everyFieldHasALabel(Document document) {
		return document.select("input, textarea, select").stream()
			.filter(field -> !List.of("hidden", "submit", "button").contains(field.attr("type")))
			.filter(field -> !(field.hasAttr("id") && !document.select("label[for=" + field.id() + "]").isEmpty())
					&& field.closest("label") == null && field.attr("aria-label").isBlank())
			.map(Element::outerHtml)
			.toList();
	}

	private static String content(Document document, String selector) {
		Element element = document.selectFirst(selector);
		return element == null ? null : element.attr("content");
	}

	private String fetch(String path, int status) {
		return web.get().uri(path).exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
			.getResponseBody();
	}

	/** The checker's error lines (GNU format); warnings and notes are left out. */
	private static List<String> errors(String html) throws Exception {
		EmbeddedValidator validator = new EmbeddedValidator();
		validator.setOutputFormat(EmbeddedValidator.OutputFormat.GNU);
		String report = validator.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
		return report.lines().filter(line -> line.contains("error:")).toList();
	}
}
