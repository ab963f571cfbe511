package org.drugsandcrime.blog.web;

import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of the public site's table answers with its content, and nothing a reader types yields a 500. */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PublicPathsTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	PostComments comments;

	@Autowired
	DatabaseClient database;

	@Autowired
	Redirects redirects;

	@Autowired
	ContentChanges changes;

	@Autowired
	StaffAccounts accounts;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
	}

	@Test
	void archivesListTheirPostsUnderAHeading() {
		String category = Readers.unique("Probation Category");
		String tag = Readers.unique("reoffending");
		String series = Readers.unique("PbR video interviews");
		StaffUser author = readers.posts().author("Helen Ashworth");
		Post first = readers.posts().draft(Readers.unique("Part one")).category(category).tag(tag).series(series, 1).by(author).publish();
		Post second = readers.posts().draft(Readers.unique("Part two")).category(category).series(series, 2).by(author).publish();
		assertThat(page("/category/" + slug(category))).contains(category).contains(first.getTitle()).contains(second.getTitle())
			.contains("href=\"/category/" + slug(category) + "/feed\"");
		assertThat(page("/tag/" + slug(tag))).contains(first.getTitle()).doesNotContain(second.getTitle());
		assertThat(page("/author/" + author.slug())).contains("Helen Ashworth").contains(first.getTitle())
			.contains("@" + author.twitterHandle());
		String seriesPage = page("/series/" + slug(series));
		assertThat(seriesPage.indexOf(first.getTitle())).isLessThan(seriesPage.indexOf(second.getTitle()));
		// Date archives follow the calendar in the site's time zone, Europe/London by default.
		YearMonth now = YearMonth.now(ZoneId.of("Europe/London"));
		assertThat(page("/archive/" + now.getYear())).contains(first.getTitle());
		assertThat(page("/archive/" + now.getYear() + "/" + "%02d".formatted(now.getMonthValue()))).contains(second.getTitle());
		web.get().uri("/category/no-such-category").exchange().expectStatus().isNotFound();
		web.get().uri("/category/" + slug(category) + "/page/2").exchange().expectStatus().isNotFound();
		web.get().uri("/archive/1999").exchange().expectStatus().isNotFound();
		web.get().uri("/archive/2020/13").exchange().expectStatus().isNotFound();
	}

	@Test
	void thePostPageShowsEverythingAReaderOfTheSeedBlogSees() {
		String series = Readers.unique("PbR jargon demystified");
		StaffUser author = readers.posts().author("Tom Okafor");
		String category = Readers.unique("Payment by Results");
		Post before = readers.posts().draft(Readers.unique("Jargon A-F")).category(category).series(series, 1).by(author)
			.featured().publish();
		Post post = readers.posts().draft(Readers.unique("Jargon G-P")).category(category).tag(Readers.unique("commissioning"))
			.series(series, 2).by(author).body("Attribution, *baseline* and frequency.").publish();
		String html = page("/posts/" + post.getSlug());
		// As on the seed: share links above the body and again below it; a featured related post says so.
		assertThat(html.split("Share This Post", -1)).as("Share This Post, above and below").hasSize(3);
		assertThat(html.substring(html.indexOf("Related posts"))).contains("Featured</p>");
		assertThat(html).contains("<h1>" + post.getTitle() + "</h1>")
			.contains("Tom Okafor").contains("https://twitter.com/" + author.twitterHandle())
			.contains("https://www.linkedin.com/sharing/share-offsite/?url=")
			.contains("Related posts").contains(before.getTitle())
			.contains("Part 2 of 2").contains("href=\"/posts/" + before.getSlug() + "\"")
			.contains("Leave a Reply").contains("Your email address will not be published. Required fields are marked")
			.contains("Subscribe").contains("action=\"/subscribe\"")
			.contains("<em>baseline</em>");
	}

	@Test
	void anAuthorsNewNameAndBioShowOnTheirPostsAtOnce() {
		StaffUser author = readers.posts().author("Ruth Mensah");
		Post post = readers.posts().draft(Readers.unique("Bio on the page")).by(author).publish();
		assertThat(page("/posts/" + post.getSlug())).contains("Ruth Mensah");
		accounts.updateProfile(author.id(), "Dr Ruth Mensah", "Criminologist.\n\nSee https://example.org <b>now</b>",
				"@ruth_m").block();
		assertThat(page("/posts/" + post.getSlug())).contains("Dr Ruth Mensah")
			.contains("<a href=\"https://example.org\" rel=\"nofollow ugc\">https://example.org</a>")
			.contains("&lt;b&gt;now&lt;/b&gt;").contains("https://twitter.com/ruth_m");
		assertThat(page("/author/" + author.slug())).contains("Dr Ruth Mensah");
	}

	@Test
	void theHomePageHighlightsTheFeaturedPostAndPagesThroughOlderPosts() {
		Post featured = readers.posts().draft(Readers.unique("Featured story")).featured().publish();
		for (int i = 0; i < 11; i++) {
			readers.posts().draft(Readers.unique("Filler")).publish();
		}
		changes.announce(new ContentChange("post", featured.getId())).block();
		assertThat(page("/?fresh=" + Readers.unique("home"))).contains("class=\"featured-post\"").contains(featured.getTitle())
			.contains("href=\"/page/2\"");
		assertThat(page("/page/2")).contains("href=\"/\"");
		web.get().uri("/page/1").exchange().expectStatus().is3xxRedirection().expectHeader().location("/");
		web.get().uri("/page/100000").exchange().expectStatus().isNotFound();
	}

	@Test
	void standalonePagesAndTheMenuAndContactDetailsShow() {
		String slug = Readers.unique("about-this-blog");
		database.sql("INSERT INTO pages (slug, title, body_markdown, body_html, status, created_at, updated_at) "
				+ "VALUES (:slug, 'About this blog', '', '<p>Who writes here.</p>', 'PUBLISHED', now(), now())")
			.bind("slug", slug).fetch().rowsUpdated().block();
		database.sql("UPDATE site_settings SET contact_details = 'Phone 0161 496 0123'").fetch().rowsUpdated().block();
		database.sql("INSERT INTO navigation_items (label, url, position) VALUES ('About', :url, 1)").bind("url", "/pages/" + slug)
			.fetch().rowsUpdated().block();
		changes.announce(new ContentChange("settings", 1L)).block();
		assertThat(page("/pages/" + slug)).contains("<h1>About this blog</h1>").contains("<p>Who writes here.</p>")
			.contains("<a href=\"/pages/" + slug + "\">About</a>").contains("0161 496 0123");
		web.get().uri("/pages/no-such-page").exchange().expectStatus().isNotFound();
	}

	@Test
	void aRecordedOldAddressRedirectsPermanentlyAndAnUnknownOneIsA404Page() {
		Post post = readers.posts().draft(Readers.unique("Moved post")).publish();
		String old = "/2013/02/11/" + post.getSlug() + "/";
		redirects.record(old, "/posts/" + post.getSlug()).block();
		web.get().uri(old).exchange().expectStatus().isEqualTo(org.springframework.http.HttpStatus.MOVED_PERMANENTLY).expectHeader().location("/posts/" + post.getSlug());
		web.get().uri("/no/such/page").exchange().expectStatus().isNotFound().expectBody(String.class)
			.value(html -> assertThat(html).contains("Page not found").contains("<html lang=\"en-GB\">"));
	}

	@Test
	void badInputGetsA4xxPageNeverAServerError() {
		String longQuery = "probation ".repeat(1_000);
		for (String path : new String[] { "/posts/no-such-post", "/posts/..%2Fetc", "/page/0", "/page/abc", "/page/-1",
				"/page/99999999999", "/category/%00", "/tag/" + "x".repeat(3000), "/archive/0000", "/archive/2020/00",
				"/search?q=probation&page=-1", "/search?q=probation&page=abc", "/search?q=probation&page=0",
				"/search?q=probation&page=9999", "/search?q=" + longQuery.replace(' ', '+'), "/search?q=%22unbalanced",
				"/search?q=a%26b", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search?q=the+and+of",
				"/search?q=%00", "/search?q=-", "/search?q=or", "/search?page=2", "/posts/x/comments" }) {
			web.get().uri(path).exchange().expectStatus().value(status -> assertThat(status).as(path).isLessThan(500));
		}
		web.get().uri("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").exchange().expectStatus().isOk()
			.expectBody(String.class).value(html -> assertThat(html).doesNotContain("<script>alert(1)</script>"));
		web.get().uri("/search?q=" + longQuery.replace(' ', '+')).exchange().expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("That search is too long"));
		web.get().uri("/search?q=the+and+of").exchange().expectStatus().isOk()
			.expectBody(String.class).value(html -> assertThat(html).contains("Please search for more specific words"));
		web.get().uri("/search?q=probation&page=-1").exchange().expectStatus().isBadRequest();
	}

	@Test
	void noPublicPageSetsACookie() {
		Post post = readers.posts().draft(Readers.unique("Cookie-free")).publish();
		for (String path : new String[] { "/", "/posts/" + post.getSlug(), "/search?q=cookie", "/no-such-page", "/subscribe",
				"/assets/site.css" }) {
			web.get().uri(path).exchange().expectHeader().doesNotExist("Set-Cookie");
		}
		readers.comment(post.getSlug(), Readers.form("Ann", "ann@example.org", "Cookie?")).expectHeader().doesNotExist("Set-Cookie");
	}

	@Test
	void pagesRevalidateWithTheirETagAndLastModified() {
		Post post = readers.posts().draft(Readers.unique("Revalidated")).publish();
		String path = "/posts/" + post.getSlug() + "?v=" + Readers.unique("etag");
		var first = web.get().uri(path).exchange().expectStatus().isOk()
			.expectHeader().valueMatches("ETag", "\"[0-9a-f]{32}\"")
			.expectHeader().exists("Last-Modified")
			.expectHeader().valueEquals("Cache-Control", "public, max-age=0, must-revalidate")
			.expectBody().returnResult();
		String etag = first.getResponseHeaders().getETag();
		web.get().uri(path).header("If-None-Match", etag).exchange().expectStatus().isNotModified();
		String other = "/posts/" + post.getSlug() + "?v=" + Readers.unique("fresh");
		web.get().uri(other).header("If-None-Match", etag).exchange().expectStatus().isNotModified();
		web.get().uri(other).header("If-None-Match", "\"something-else\"").exchange().expectStatus().isOk();
	}

	private String page(String path) {
		return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	private static String slug(String name) {
		return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}
}
