package org.drugsandcrime.blog.feed.sitemap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.feed.FeedFixtures;
import org.drugsandcrime.blog.feed.FeedTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post sitemaps split at exactly 50,000 URLs. 50,001 posts are written straight into the table, one a
 * minute in 1980, and the clock is set back among them: only they are published then, so the test controls the
 * exact count whatever other tests left in the shared database.
 */
@FeedTest
class SitemapSplitTests {

	static final Instant START = Instant.parse("1980-01-01T00:00:00Z");

	static final int POSTS = 50_001;

	WebTestClient web;

	@Autowired
	void web(WebTestClient client) {
		// Two documents of 50,000 URLs, read whole, on a machine other builds share.
		this.web = client.mutate()
			.responseTimeout(Duration.ofSeconds(60))
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
	}

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	@Test
	void fiftyThousandPostsFillOneSitemapAndOneMoreStartsTheSecond() {
		Instant now = clock.instant();
		try {
			insertPosts();
			clock.set(START.plus(Duration.ofMinutes(50_000)));
			SiteMapIndex index = index();
			assertThat(index.getSitemaps()).extracting(sitemap -> sitemap.getUrl().toString())
				.containsExactly(FeedTest.BASE_URL + "/sitemaps/pages.xml", FeedTest.BASE_URL + "/sitemaps/posts-1.xml");
			assertThat(urls(1)).isEqualTo(50_000);
			web.get().uri("/sitemaps/posts-2.xml").exchange().expectStatus().isNotFound();

			clock.set(START.plus(Duration.ofMinutes(50_001)));
			assertThat(index().getSitemaps()).extracting(sitemap -> sitemap.getUrl().toString())
				.containsExactly(FeedTest.BASE_URL + "/sitemaps/pages.xml", FeedTest.BASE_URL + "/sitemaps/posts-1.xml",
						FeedTest.BASE_URL + "/sitemaps/posts-2.xml");
			assertThat(locations(1)).as("the first sitemap, already validated whole, stays as it was").isEqualTo(50_000);
			assertThat(urls(2)).isEqualTo(1);
			assertThat(new String(FeedFixtures.fetch(web, "/sitemaps/posts-2.xml").getResponseBody()))
				.contains("/posts/split-post-" + POSTS + "<");
		}
		finally {
			clock.set(now);
			database.sql("DELETE FROM posts WHERE slug LIKE 'split-post-%'").fetch().rowsUpdated().block();
		}
	}

	private SiteMapIndex index() {
		byte[] xml = FeedFixtures.fetch(web, "/sitemap.xml").getResponseBody();
		FeedFixtures.assertValidSitemapIndex(xml);
		return (SiteMapIndex) FeedFixtures.crawl(xml, FeedTest.BASE_URL + "/sitemap.xml");
	}

	private int urls(int number) {
		String path = "/sitemaps/posts-" + number + ".xml";
		byte[] xml = FeedFixtures.fetch(web, path).getResponseBody();
		FeedFixtures.assertValidSitemap(xml);
		return ((SiteMap) FeedFixtures.crawl(xml, FeedTest.BASE_URL + path)).getSiteMapUrls().size();
	}

	private long locations(int number) {
		String xml = new String(FeedFixtures.fetch(web, "/sitemaps/posts-" + number + ".xml").getResponseBody(),
				StandardCharsets.UTF_8);
		return xml.split("<loc>", -1).length - 1;
	}

	private void insertPosts() {
		Long author = database.sql("""
				INSERT INTO users (email, display_name, slug, role) VALUES ('split@example.org', 'Split Author', 'split-author', 'AUTHOR')
				ON CONFLICT (slug) DO UPDATE SET display_name = excluded.display_name RETURNING id""")
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
		database.sql("""
				INSERT INTO posts (guid, slug, title, status, published_at, created_at, updated_at, author_id, body_html)
				SELECT 'urn:uuid:' || md5('split-' || n)::uuid, 'split-post-' || n, 'Split post ' || n, 'PUBLISHED',
				       ts, ts, ts, :author, '<p>Split.</p>'
				FROM generate_series(1, :count) n, LATERAL (SELECT CAST(:start AS timestamptz) + make_interval(mins => n) AS ts) t""")
			.bind("author", author)
			.bind("count", POSTS)
			.bind("start", START)
			.fetch()
			.rowsUpdated()
			.block();
	}
}
