package org.drugsandcrime.blog.web.http;

import java.net.URI;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.drugsandcrime.blog.wordpress.address.ImportedRedirects;
import org.drugsandcrime.blog.wordpress.address.OldAddress;
import org.drugsandcrime.blog.wordpress.address.OldAddresses;
import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A WordPress site's old addresses, recorded as the import records them, each answered with exactly one 301 to
 * the page that now has the content, with or without the trailing slash; and nothing about them can be turned
 * against the site (loops, other sites, odd queries).
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OldAddressesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	ImportedRedirects imported;

	@Autowired
	Redirects redirects;

	@Autowired
	DatabaseClient database;

	@LocalServerPort
	int port;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
	}

	@Test
	void everyKindOfOldAddressAnswersOneRedirectToAPageThatIsThere() {
		Site site = site("https://old.example.org");
		// Every kind of the list, by name, so that none can silently drop out of the recorded set.
		assertThat(site.expected.keySet()).contains(site.post("/%d/%02d/%02d/%s/"), site.post("/%1$d/%2$02d/%4$s/"),
				site.post("/%4$s/"), "/?p=" + site.postId, "/?page_id=" + site.pageId, "/" + site.pageSlug + "/",
				"/category/" + site.categoryPath + "/", "/category/" + site.category + "/", "/tag/" + site.tag + "/",
				"/author/" + site.nicename + "/", site.month("/%d/%02d/"), site.month("/%d/"), "/feed/", "/feed/rss2/",
				"/feed/atom/", "/category/" + site.categoryPath + "/feed/", "/tag/" + site.tag + "/feed/",
				"/author/" + site.nicename + "/feed/", "/comments/feed/", site.post("/%d/%02d/%02d/%s/feed/"),
				"/?attachment_id=" + site.attachmentId, site.post("/%d/%02d/%02d/%s/") + "map-of-the-pilots/",
				"/?cat=" + site.categoryId, "/?tag=" + site.tag, "/?author=" + site.authorId, site.month("/?m=%d%02d"),
				site.month("/?m=%d"), "/?feed=rss2");
		for (Map.Entry<String, String> address : site.expected.entrySet()) {
			for (String from : withAndWithoutSlash(address.getKey())) {
				answersOnce(from, address.getValue());
			}
		}
	}

	@Test
	void aSubFolderSitesAddressesKeepTheirFolderAndItsQueriesAreAnsweredToo() {
		Site site = site("https://old.example.org/blog/");
		assertThat(site.expected).containsEntry("/blog/", "/").containsKey("/blog/?p=" + site.postId)
			.containsKey("/blog/?page_id=" + site.pageId).containsKey("/blog/feed/")
			.containsKey("/blog" + site.post("/%d/%02d/%02d/%s/"));
		assertThat(site.expected.keySet()).allSatisfy(from -> assertThat(from).startsWith("/blog/"));
		for (Map.Entry<String, String> address : site.expected.entrySet()) {
			for (String from : withAndWithoutSlash(address.getKey())) {
				answersOnce(from, address.getValue());
			}
		}
		// What campaigns and social sites add to a link does not stop it working.
		answersOnce("/blog/?p=" + site.postId + "&utm_source=newsletter&fbclid=x1", "/posts/" + site.postSlug);
		answersOnce("/blog" + site.post("/%d/%02d/%02d/%s/") + "?utm_medium=email", "/posts/" + site.postSlug);
	}

	@Test
	void theHomePageStillAnswersAQueryThatNamesNoOldAddress() {
		for (String path : List.of("/", "/?utm_source=x", "/?p=987654321", "/?p=abc", "/?page_id=", "/?s=probation",
				"/?p=" + "9".repeat(40), "/?tag=%E9%25ZZ", "/?feed=" + "x".repeat(3000), "/?cat=1&cat=2&" + "a=b&".repeat(500))) {
			web.get().uri(at(path)).exchange().expectStatus().isOk();
		}
	}

	@Test
	void aRedirectNeverSendsAReaderToWhereTheyAre() {
		String tag = Readers.unique("gone-tag");
		imported.keep(List.of(new OldAddress("/tag/" + tag + "/", "/tag/" + tag))).block();
		// No post carries the tag, so /tag/x is missing; its lookup finds the /tag/x/ row (the slash does not
		// count), whose target is /tag/x itself: a 404, not a redirect to the same address.
		web.get().uri("/tag/" + tag).exchange().expectStatus().isNotFound();
		web.get().uri("/tag/" + tag + "/").exchange().expectStatus().isEqualTo(301).expectHeader().location("/tag/" + tag);
		String post = "/posts/" + Readers.unique("moved");
		redirects.record(post, post + "/").block();
		web.get().uri(post).exchange().expectStatus().isEqualTo(301).expectHeader().location(post + "/");
		web.get().uri(post + "/").exchange().expectStatus().isNotFound();
	}

	@Test
	void noRedirectLeavesTheSite() {
		assertThatThrownBy(() -> redirects.record("/elsewhere-1/", "https://evil.example/").block())
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> redirects.record("/elsewhere-1/", "//evil.example/").block())
			.isInstanceOf(IllegalArgumentException.class);
		// Even rows written behind the rules' back are never followed off the site.
		for (String to : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "evil.example",
				"/x\r\nSet-Cookie: a=b")) {
			String from = "/" + Readers.unique("elsewhere") + "/";
			database.sql("INSERT INTO redirects (from_path, to_path, created_at) VALUES (:from, :to, now())")
				.bind("from", from).bind("to", to).fetch().rowsUpdated().block();
			web.get().uri(from).exchange().expectStatus().isNotFound();
		}
		String query = "/?p=" + (Math.abs(Readers.unique("p").hashCode()) + 1);
		database.sql("INSERT INTO redirects (from_path, to_path, created_at) VALUES (:from, '//evil.example/', now())")
			.bind("from", query).fetch().rowsUpdated().block();
		web.get().uri(query).exchange().expectStatus().isOk();
	}

	@Test
	void oddAddressesGetA4xxNeverAServerError() {
		for (String path : List.of("/blog/?p=" + "9".repeat(40), "/blog/?p=1%00", "/%C0%AF/?p=1", "/%E9%25ZZ/", "/a%2F..%2Fb/",
				"/" + "x/".repeat(1500), "/old/?tag=" + "%E2%80%99".repeat(300), "/?attachment_id=1&feed=%0d%0aX:1")) {
			web.get().uri(at(path)).exchange().expectStatus()
				.value(status -> assertThat(status).as(path).isLessThan(500));
		}
	}

	/** The address as it is sent, escapes and all: the client must not encode it again. */
	private URI at(String pathAndQuery) {
		return URI.create("http://localhost:" + port + pathAndQuery);
	}

	/**
	 * One 301 to the expected page, which answers 200 itself; or, for an old address that differs from its new one
	 * only by the slash WordPress added ({@code /tag/x/} and {@code /tag/x}), the page itself without the slash.
	 */
	private void answersOnce(String from, String to) {
		if (from.equals(to)) {
			web.get().uri(at(from)).exchange().expectStatus().isOk();
			return;
		}
		String location = web.get().uri(at(from)).exchange().expectStatus().isEqualTo(301)
			.returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
		assertThat(location).as(from).isEqualTo(to);
		web.get().uri(at(location)).exchange().expectStatus().isOk();
	}

	static List<String> withAndWithoutSlash(String address) {
		int question = address.indexOf('?');
		String path = question < 0 ? address : address.substring(0, question);
		String query = question < 0 ? "" : address.substring(question);
		if (path.equals("/")) {
			return List.of(address);
		}
		String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return List.of(bare + query, bare + "/" + query);
	}

	/** Content on the new site, and the old addresses a WordPress export of it gives, recorded as an import does. */
	private Site site(String baseBlogUrl) {
		String category = Readers.unique("pilots");
		String tag = Readers.unique("crcs");
		StaffUser author = readers.posts().author("Sarah Clarke");
		Post post = readers.posts().draft(Readers.unique("Crossing the Rubicon")).category(category).tag(tag).by(author)
			.publish();
		readers.approvedComment(post, null, "Ann Reader", "A comment, so the comment feeds have one.");
		String pageSlug = Readers.unique("about-us");
		database.sql("INSERT INTO pages (slug, title, body_markdown, body_html, status, created_at, updated_at) "
				+ "VALUES (:slug, 'About us', '', '<p>Who writes here.</p>', 'PUBLISHED', now(), now())")
			.bind("slug", pageSlug).fetch().rowsUpdated().block();
		return new Site(baseBlogUrl, post, pageSlug, slugOf(category), slugOf(tag), author);
	}

	private static String slugOf(String name) {
		return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

	private final class Site {

		final long postId = Math.abs(Readers.unique("id").hashCode() % 1_000_000) + 10;

		final long pageId = postId + 1;

		final long attachmentId = postId + 2;

		final long categoryId = postId + 3;

		final long authorId = postId + 4;

		final String postSlug;

		final String pageSlug;

		final String category;

		final String categoryPath;

		final String tag;

		final String nicename;

		final YearMonth month = YearMonth.now(ZoneId.of("Europe/London"));

		/** Old address → new page, as recorded. */
		final Map<String, String> expected = new LinkedHashMap<>();

		Site(String baseBlogUrl, Post post, String pageSlug, String category, String tag, StaffUser author) {
			this.postSlug = post.getSlug();
			this.pageSlug = pageSlug;
			this.category = category;
			this.categoryPath = "justice/" + category;
			this.tag = tag;
			this.nicename = "sclarke-" + postId;
			WxrSite site = new WxrSite("On Probation", baseBlogUrl, "", "en-US", "1.2", baseBlogUrl, baseBlogUrl);
			String base = baseBlogUrl.replaceAll("/$", "");
			String date = "%d-%02d-%02d 10:00:00".formatted(month.getYear(), month.getMonthValue(), 7);
			String postLink = base + post("/%d/%02d/%02d/%s/");
			List<OldAddress> addresses = new ArrayList<>();
			addresses.addAll(OldAddresses.ofPost(site, item(postId, "post", postLink, postSlug, date), "/posts/" + postSlug));
			addresses.addAll(OldAddresses.ofPage(site, item(pageId, "page", base + "/" + pageSlug + "/", pageSlug, date),
					"/pages/" + pageSlug));
			addresses.addAll(OldAddresses.ofAttachment(site,
					item(attachmentId, "attachment", postLink + "map-of-the-pilots/", "map-of-the-pilots", date),
					"/posts/" + postSlug));
			addresses.addAll(OldAddresses.ofCategory(site, new WxrCategory(categoryId, category, "justice", "Pilots", ""),
					categoryPath, "/category/" + category));
			addresses.addAll(OldAddresses.ofTag(site, new WxrTag(categoryId + 100, tag, tag, ""), "/tag/" + tag));
			addresses.addAll(OldAddresses.ofAuthor(site,
					new WxrAuthor(authorId, nicename, "s@example.org", "Sarah Clarke", "Sarah", "Clarke"),
					"/author/" + author.slug()));
			addresses.addAll(OldAddresses.ofMonth(site, month));
			addresses.addAll(OldAddresses.ofYear(site, Year.of(month.getYear())));
			addresses.addAll(OldAddresses.ofSite(site));
			imported.keep(addresses).block();
			addresses.forEach(address -> expected.put(address.from(), address.to()));
		}

		String post(String shape) {
			return shape.formatted(month.getYear(), month.getMonthValue(), 7, postSlug);
		}

		String month(String shape) {
			return shape.formatted(month.getYear(), month.getMonthValue());
		}

		private static WxrItem item(long id, String type, String link, String name, String postDate) {
			return new WxrItem(id, type, "A title", link, link, "sclarke", "", "", postDate, postDate, postDate, name,
					"publish", 0, 0, false, "", "open", "", List.of(), List.of(), List.of());
		}
	}
}
