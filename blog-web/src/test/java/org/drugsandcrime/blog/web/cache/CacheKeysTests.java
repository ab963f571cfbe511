package org.drugsandcrime.blog.web.cache;

import java.util.UUID;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's cache entry is its path and the parameters its route reads, nothing else: parameters nobody reads
 * (trackers' {@code utm_source}, a random {@code x}) are answered from the entry of the page without them, so
 * they cost neither a render nor memory, and never show on the page.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CacheKeysTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	RenderedPageCache cache;

	@Autowired
	RouteParameters routes;

	@Test
	void parametersNoRouteReadsAreAnsweredFromTheEntryOfThePageWithoutThemAndNeverShow() {
		Post post = Readers.of(context, web).posts().draft(Readers.unique("Keyed post")).publish();
		String word = post.getTitle().split(" ")[1];
		String[] pages = { "/sitemaps/posts-1.xml", "/sitemap.xml", "/feed", "/", "/posts/" + post.getSlug(),
				"/search?q=" + word, "/subscribe", "/robots.txt", "/assets/site.css" };
		for (String page : pages) {
			body(page);
		}
		CacheStats before = cache.stats();
		for (String page : pages) {
			for (int i = 0; i < 5; i++) {
				String marker = "zq" + UUID.randomUUID().toString().replace("-", "");
				String decorated = page + (page.contains("?") ? "&" : "?") + "x=" + marker + "&utm_source=" + marker;
				assertThat(body(decorated)).as(decorated).doesNotContain(marker);
			}
		}
		CacheStats after = cache.stats();
		assertThat(after.missCount() - before.missCount()).as("renders caused by unread parameters").isZero();
		assertThat(after.hitCount() - before.hitCount()).isEqualTo(pages.length * 5L);
	}

	@Test
	void theParametersARouteReadsKeepTheirOwnEntries() {
		Post post = Readers.of(context, web).posts().draft(Readers.unique("Pending notice")).publish();
		String path = "/posts/" + post.getSlug();
		assertThat(body(path)).doesNotContain("waiting for moderation");
		assertThat(body(path + "?comment=pending&x=1")).contains("waiting for moderation");
		assertThat(body(path + "?x=2")).doesNotContain("waiting for moderation");

		String word = post.getTitle().split(" ")[1];
		String link = "href=\"" + path + "\"";
		assertThat(body("/search?q=" + word)).contains(link);
		assertThat(body("/search?q=" + Readers.unique("nowhere"))).doesNotContain(link);
		assertThat(body("/search?x=1&q=" + word)).contains(link);
	}

	@Test
	void theParametersOfEachRouteAreThoseItsHandlerDeclares() {
		assertThat(routes.read(PathContainer.parsePath("/search"))).containsExactlyInAnyOrder("q", "page");
		assertThat(routes.read(PathContainer.parsePath("/posts/some-post"))).containsExactly("comment");
		assertThat(routes.read(PathContainer.parsePath("/unsubscribe"))).containsExactly("token");
		assertThat(routes.read(PathContainer.parsePath("/subscribe/confirm"))).containsExactly("token");
		assertThat(routes.read(PathContainer.parsePath("/replies/stop"))).containsExactly("token");
		for (String none : new String[] { "/", "/page/2", "/category/x", "/archive/2024/05", "/pages/about", "/feed",
				"/sitemaps/posts-1.xml", "/robots.txt", "/subscribe" }) {
			assertThat(routes.read(PathContainer.parsePath(none))).as(none).isEmpty();
		}
	}

	private String body(String path) {
		return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}
}
