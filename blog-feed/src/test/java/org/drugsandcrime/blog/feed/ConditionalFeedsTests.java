package org.drugsandcrime.blog.feed;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every feed and sitemap answers conditional requests over HTTP: validators on 200, 304 and HEAD alike. */
@FeedTest
class ConditionalFeedsTests {

	static final List<String> DOCUMENTS = List.of("/feed", "/feed/atom", "/feed.json", "/sitemap.xml",
			"/sitemaps/pages.xml", "/sitemaps/posts-1.xml", "/sitemap-news.xml", "/robots.txt",
			"/comments/feed");

	static final List<String> CACHING = List.of(HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CACHE_CONTROL,
			HttpHeaders.VARY);

	@Autowired
	WebTestClient web;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	TaxonomyEditing taxonomy;

	@Test
	void everyDocumentCarriesValidatorsAndRevalidatesToA304WithTheSameHeadersAndNoBody() {
		FeedFixtures.posts(editing, publishing, users).draft("Revalidated everywhere").category("On Probation").publish();
		for (String path : DOCUMENTS) {
			EntityExchangeResult<byte[]> ok = FeedFixtures.fetch(web, path);
			String etag = ok.getResponseHeaders().getETag();
			assertThat(etag).as(path).startsWith("W/\"");
			assertThat(ok.getResponseHeaders().getLastModified()).as(path).isPositive();
			EntityExchangeResult<byte[]> notModified = web.get().uri(path).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
				.expectStatus().isNotModified().expectBody(byte[].class).returnResult();
			assertThat(notModified.getResponseBody()).as(path).isNullOrEmpty();
			for (String header : CACHING) {
				assertThat(notModified.getResponseHeaders().get(header)).as(path + " " + header)
					.isEqualTo(ok.getResponseHeaders().get(header));
			}
			web.get().uri(path).header(HttpHeaders.IF_MODIFIED_SINCE, ok.getResponseHeaders().getFirst(HttpHeaders.LAST_MODIFIED))
				.exchange().expectStatus().isNotModified();
		}
	}

	@Test
	void headAnswersLikeGetForEveryDocument() {
		FeedFixtures.posts(editing, publishing, users).draft("Answered to HEAD").publish();
		for (String path : DOCUMENTS) {
			EntityExchangeResult<byte[]> get = FeedFixtures.fetch(web, path);
			EntityExchangeResult<byte[]> head = web.head().uri(path).exchange().expectBody(byte[].class).returnResult();
			assertThat(head.getStatus().value()).as(path).isEqualTo(200);
			assertThat(head.getResponseBody()).as(path).isNullOrEmpty();
			for (String header : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
					HttpHeaders.CACHE_CONTROL)) {
				assertThat(head.getResponseHeaders().get(header)).as(path + " " + header)
					.isEqualTo(get.getResponseHeaders().get(header));
			}
			web.head().uri(path).header(HttpHeaders.IF_NONE_MATCH, get.getResponseHeaders().getETag()).exchange()
				.expectStatus().isNotModified();
		}
	}

	@Test
	void aWeakComparisonListAndStarMatchOverHttp() {
		String etag = FeedFixtures.fetch(web, "/feed").getResponseHeaders().getETag();
		String strongForm = etag.substring(2);
		web.get().uri("/feed").header(HttpHeaders.IF_NONE_MATCH, strongForm).exchange().expectStatus().isNotModified();
		web.get().uri("/feed").header(HttpHeaders.IF_NONE_MATCH, "\"a\", " + etag + ", \"b\"").exchange()
			.expectStatus().isNotModified();
		web.get().uri("/feed").header(HttpHeaders.IF_NONE_MATCH, "*").exchange().expectStatus().isNotModified();
		web.get().uri("/feed").header(HttpHeaders.IF_NONE_MATCH, "\"a\", \"b\"").exchange().expectStatus().isOk();
	}

	@Test
	void ifNoneMatchWinsOverIfModifiedSinceOverHttp() {
		EntityExchangeResult<byte[]> ok = FeedFixtures.fetch(web, "/feed/atom");
		String lastModified = ok.getResponseHeaders().getFirst(HttpHeaders.LAST_MODIFIED);
		web.get().uri("/feed/atom").header(HttpHeaders.IF_NONE_MATCH, "\"stale\"").header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)
			.exchange().expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).startsWith("<?xml"));
		web.get().uri("/feed/atom").header(HttpHeaders.IF_NONE_MATCH, ok.getResponseHeaders().getETag())
			.header(HttpHeaders.IF_MODIFIED_SINCE, "Thu, 01 Jan 2015 00:00:00 GMT").exchange().expectStatus().isNotModified();
	}

	@Test
	void malformedConditionsAreIgnoredWithANormal200() {
		for (String date : List.of("not a date", "Fri, 99 Nov 2026 10:00:00 GMT", "1700000000")) {
			web.get().uri("/feed").header(HttpHeaders.IF_MODIFIED_SINCE, date).exchange().expectStatus().isOk();
			web.get().uri("/sitemap.xml").header(HttpHeaders.IF_MODIFIED_SINCE, date).exchange().expectStatus().isOk();
		}
		for (String tags : List.of("garbage", "W/", "\"unterminated", ",")) {
			web.get().uri("/feed.json").header(HttpHeaders.IF_NONE_MATCH, tags).exchange().expectStatus().isOk();
		}
	}

	@Test
	void aFailedIfMatchOrIfUnmodifiedSinceIs412() {
		web.get().uri("/feed").header(HttpHeaders.IF_MATCH, "\"nope\"").exchange().expectStatus().isEqualTo(412);
		web.get().uri("/feed").header(HttpHeaders.IF_UNMODIFIED_SINCE, "Thu, 01 Jan 2015 00:00:00 GMT").exchange()
			.expectStatus().isEqualTo(412);
	}

	@Test
	void aPublishChangesTheValidatorsOfEveryFeedAndSitemap() {
		// A new post has no comments yet: the comment feed stays as it was, and rightly answers 304.
		List<String> paths = DOCUMENTS.stream().filter(path -> !path.equals("/robots.txt") && !path.equals("/comments/feed"))
			.toList();
		List<String> before = paths.stream().map(path -> FeedFixtures.fetch(web, path).getResponseHeaders().getETag()).toList();
		FeedFixtures.posts(editing, publishing, users).draft("Moves every validator").publish();
		for (int i = 0; i < paths.size(); i++) {
			web.get().uri(paths.get(i)).header(HttpHeaders.IF_NONE_MATCH, before.get(i)).exchange().expectStatus().isOk()
				.expectHeader().value(HttpHeaders.ETAG, etag -> assertThat(etag).isNotEqualTo("x"));
		}
	}

	@Test
	void renamingOrMergingACategoryChangesTheValidatorsOfTheDocumentsThatShowIt() {
		String suffix = Long.toString(System.nanoTime(), 36);
		FeedFixtures.posts(editing, publishing, users).draft("Filed under a renamed category").category("Before " + suffix).publish();
		FeedFixtures.posts(editing, publishing, users).draft("Filed under a merged category").category("Merged " + suffix).publish();
		String feed = FeedFixtures.fetch(web, "/feed").getResponseHeaders().getETag();
		String pages = FeedFixtures.fetch(web, "/sitemaps/pages.xml").getResponseHeaders().getETag();
		long renamed = idOf("before-" + suffix);
		taxonomy.rename(TaxonomyEditing.Kind.CATEGORY, renamed, "After " + suffix).block();
		web.get().uri("/feed").header(HttpHeaders.IF_NONE_MATCH, feed).exchange().expectStatus().isOk()
			.expectBody(String.class).value(rss -> assertThat(rss).contains("After " + suffix));
		taxonomy.merge(TaxonomyEditing.Kind.CATEGORY, idOf("merged-" + suffix), renamed).block();
		web.get().uri("/sitemaps/pages.xml").header(HttpHeaders.IF_NONE_MATCH, pages).exchange().expectStatus().isOk()
			.expectBody(String.class).value(xml -> assertThat(xml).doesNotContain("/category/merged-" + suffix));
	}

	long idOf(String categorySlug) {
		return taxonomy.list(TaxonomyEditing.Kind.CATEGORY).filter(term -> term.slug().equals(categorySlug)).blockFirst().id();
	}
}
