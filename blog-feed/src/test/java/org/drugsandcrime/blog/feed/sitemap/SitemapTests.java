package org.drugsandcrime.blog.feed.sitemap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ImageAttributes;
import crawlercommons.sitemaps.extension.NewsAttributes;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.feed.FeedFixtures;
import org.drugsandcrime.blog.feed.FeedTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sitemaps as the sitemaps.org schemas and crawler-commons' parser judge them. */
@FeedTest
class SitemapTests {

	static final Pattern RFC_3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

	@Autowired
	WebTestClient web;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	MutableClock clock;

	Posts posts() {
		return new Posts(editing, publishing, users);
	}

	@Test
	void theIndexListsThePagesSitemapAndThePostSitemapsAndValidates() {
		posts().draft("Indexed somewhere").publish();
		EntityExchangeResult<byte[]> result = FeedFixtures.fetch(web, "/sitemap.xml");
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/xml;charset=UTF-8");
		byte[] xml = result.getResponseBody();
		assertThat(xml[0]).isEqualTo((byte) '<');
		FeedFixtures.assertValidSitemapIndex(xml);
		SiteMapIndex index = (SiteMapIndex) FeedFixtures.crawl(xml, FeedTest.BASE_URL + "/sitemap.xml");
		assertThat(index.getSitemaps()).extracting(sitemap -> sitemap.getUrl().toString())
			.contains(FeedTest.BASE_URL + "/sitemaps/pages.xml", FeedTest.BASE_URL + "/sitemaps/posts-1.xml")
			.doesNotContain(FeedTest.BASE_URL + "/sitemaps/posts-2.xml");
		assertThat(index.getSitemaps()).allSatisfy(sitemap -> assertThat(sitemap.getLastModified()).isNotNull());
	}

	@Test
	void postSitemapsListPostsWithTheirRealUpdateTimesAndTheirImages() {
		Post post = posts().draft("Sitemapped with pictures").cover("/media/demo/probation-cover.svg")
			.body("Look:\n\n![A chart](/media/chart.png?size=large&format=png)\n\n![Remote](https://images.example.net/x.jpg)")
			.publish();
		Post edited = editing.save(posts().draft("Sitemapped with pictures, edited").cover("/media/demo/probation-cover.svg")
			.body(post.getBodyMarkdown()).by(users.findById(post.getAuthorId()).block()).toDraft(post.getId()), null).block();
		EntityExchangeResult<byte[]> result = FeedFixtures.fetch(web, "/sitemaps/posts-1.xml");
		byte[] xml = result.getResponseBody();
		assertThat(xml[0]).isEqualTo((byte) '<');
		FeedFixtures.assertValidSitemap(xml);
		assertThat(rawValues(xml, "lastmod")).isNotEmpty().allMatch(date -> RFC_3339.matcher(date).matches());
		SiteMap sitemap = (SiteMap) FeedFixtures.crawl(xml, FeedTest.BASE_URL + "/sitemaps/posts-1.xml");
		SiteMapURL url = byLocation(sitemap.getSiteMapUrls()).get(FeedTest.BASE_URL + "/posts/" + post.getSlug());
		assertThat(url).isNotNull();
		assertThat(url.getLastModified().toInstant()).isEqualTo(edited.getUpdatedAt().truncatedTo(ChronoUnit.SECONDS));
		assertThat(url.getAttributesForExtension(Extension.IMAGE)).extracting(image -> ((ImageAttributes) image).getLoc().toString())
			.containsExactly(FeedTest.BASE_URL + "/media/demo/probation-cover.svg",
					FeedTest.BASE_URL + "/media/chart.png?size=large&format=png", "https://images.example.net/x.jpg");
	}

	@Test
	void thePagesSitemapListsTheHomePageStandalonePagesAndEveryArchive() {
		var author = posts().author("Mapped Author");
		Post post = posts().draft("Archived in every way").category("Sitemapped Category").tag("sitemapped tag")
			.series("Sitemapped series", 1).by(author).publish();
		byte[] xml = FeedFixtures.fetch(web, "/sitemaps/pages.xml").getResponseBody();
		FeedFixtures.assertValidSitemap(xml);
		SiteMap sitemap = (SiteMap) FeedFixtures.crawl(xml, FeedTest.BASE_URL + "/sitemaps/pages.xml");
		String month = post.getPublishedAt().toString().substring(0, 7).replace('-', '/');
		assertThat(byLocation(sitemap.getSiteMapUrls())).containsKeys(FeedTest.BASE_URL + "/",
				FeedTest.BASE_URL + "/category/sitemapped-category", FeedTest.BASE_URL + "/tag/sitemapped-tag",
				FeedTest.BASE_URL + "/series/sitemapped-series", FeedTest.BASE_URL + "/author/" + author.slug(),
				FeedTest.BASE_URL + "/archive/" + month.substring(0, 4), FeedTest.BASE_URL + "/archive/" + month);
		assertThat(byLocation(sitemap.getSiteMapUrls()).get(FeedTest.BASE_URL + "/category/sitemapped-category")
			.getLastModified().toInstant()).isEqualTo(post.getUpdatedAt().truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void theNewsSitemapListsPostsOfTheLastTwoDaysOnly() {
		Post old = posts().draft("Old news").publish();
		clock.advance(Duration.ofDays(3));
		Post fresh = posts().draft("Fresh news & views").publish();
		byte[] xml = FeedFixtures.fetch(web, "/sitemap-news.xml").getResponseBody();
		assertThat(xml[0]).isEqualTo((byte) '<');
		FeedFixtures.assertValidSitemap(xml);
		assertThat(rawValues(xml, "news:publication_date")).isNotEmpty().allMatch(date -> RFC_3339.matcher(date).matches());
		SiteMap sitemap = (SiteMap) FeedFixtures.crawl(xml, FeedTest.BASE_URL + "/sitemap-news.xml");
		Map<String, SiteMapURL> urls = byLocation(sitemap.getSiteMapUrls());
		assertThat(urls).containsKey(FeedTest.BASE_URL + "/posts/" + fresh.getSlug())
			.doesNotContainKey(FeedTest.BASE_URL + "/posts/" + old.getSlug());
		NewsAttributes news = (NewsAttributes) urls.get(FeedTest.BASE_URL + "/posts/" + fresh.getSlug())
			.getAttributesForExtension(Extension.NEWS)[0];
		assertThat(news.getTitle()).isEqualTo("Fresh news & views");
		assertThat(news.getLanguage()).isEqualTo("en");
		assertThat(news.getPublicationDateTime().toInstant()).isEqualTo(fresh.getPublishedAt().truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void robotsAllowsTheSiteAndNamesTheSitemap() {
		web.get().uri("/robots.txt").exchange().expectStatus().isOk()
			.expectHeader().contentType("text/plain;charset=UTF-8")
			.expectBody(String.class).isEqualTo("User-agent: *\nAllow: /\n\nSitemap: " + FeedTest.BASE_URL + "/sitemap.xml\n");
	}

	@Test
	void sitemapsThatDoNotExistAreNotFound() {
		for (String name : List.of("posts-0.xml", "posts-999.xml", "posts-x.xml", "posts-1.xml.gz", "posts-99999999999.xml",
				"other.xml", "posts--1.xml")) {
			web.get().uri("/sitemaps/" + name).exchange().expectStatus().isNotFound();
		}
	}

	static List<String> rawValues(byte[] xml, String name) {
		Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(new String(xml, StandardCharsets.UTF_8));
		List<String> values = new ArrayList<>();
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	static Map<String, SiteMapURL> byLocation(Collection<SiteMapURL> urls) {
		return urls.stream().collect(Collectors.toMap(url -> url.getUrl().toString(), Function.identity(), (a, b) -> a));
	}

}
