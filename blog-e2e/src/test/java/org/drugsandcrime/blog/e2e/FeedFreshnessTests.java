package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.comment.Comment;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.ComponentScan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two blog-web processes serve the pages, feeds and sitemaps; this test changes content through blog-core, as
 * blog-admin would, and every document of both processes must show the change within two seconds. Each document
 * is read before every change, so what either process keeps in memory (the rendered-page cache) is put to the
 * test too.
 */
@BlogTest(webEnvironment = WebEnvironment.NONE)
class FeedFreshnessTests {

	static final Duration FRESH_WITHIN = Duration.ofSeconds(2);

	static final List<String> DOCUMENTS = List.of("/feed", "/feed/atom", "/feed.json", "/sitemaps/posts-1.xml",
			"/sitemap-news.xml");

	static BlogProcess first;

	static BlogProcess second;

	final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	PostComments comments;

	@BeforeAll
	static void start() {
		first = BlogProcess.web(Map.of());
		second = BlogProcess.web(Map.of());
	}

	@AfterAll
	static void stop() {
		second.close();
		first.close();
	}

	@Test
	void aPublishAnEditAndAnUnpublishShowInEveryFeedAndSitemapOfBothProcessesWithinTwoSeconds() throws Exception {
		Posts posts = new Posts(editing, publishing, users);
		posts.draft("Freshness baseline").publish();
		readEverything();

		Post post = posts.draft("Fresh off the press").publish();
		assertEverywhereWithin(body -> body.contains("fresh-off-the-press"), "the published post");

		readEverything();
		editing.save(posts.draft("Freshly edited").slug("freshly-edited").by(users.findById(post.getAuthorId()).block())
			.toDraft(post.getId()), null).block();
		assertEverywhereWithin(body -> body.contains("freshly-edited") && !body.contains("fresh-off-the-press"),
				"the edited post");

		readEverything();
		publishing.unpublish(post.getId()).block();
		assertEverywhereWithin(body -> !body.contains("freshly-edited"), "the post gone");
	}

	@Test
	void everyPageAdvertisesFeedsThatAnswerWithTheTypeItNames() throws Exception {
		Post post = new Posts(editing, publishing, users).draft("Discovered through its category").category("Discovery")
			.publish();
		for (String page : List.of("/", "/posts/" + post.getSlug(), "/category/discovery")) {
			HttpResponse<String> html = get(first.baseUrl() + page);
			assertThat(html.statusCode()).as(page).isEqualTo(200);
			Elements links = Jsoup.parse(html.body(), first.baseUrl() + page).select("link[rel=alternate][type]");
			assertThat(links).as(page).isNotEmpty();
			for (Element link : links) {
				HttpResponse<String> feed = get(link.absUrl("href"));
				assertThat(feed.statusCode()).as(page + " -> " + link.attr("href")).isEqualTo(200);
				assertThat(feed.headers().firstValue("Content-Type").orElse("")).as(page + " -> " + link.attr("href"))
					.startsWith(link.attr("type"));
			}
		}
		assertThat(Jsoup.parse(get(first.baseUrl() + "/category/discovery").body()).select("link[rel=alternate]"))
			.extracting(link -> link.attr("href")).contains("/category/discovery/feed");
	}

	private void readEverything() throws IOException, InterruptedException {
		read(DOCUMENTS);
	}

	/** Reading fills whatever each process keeps in memory, so the next change has something to invalidate. */
	private void read(List<String> paths) throws IOException, InterruptedException {
		for (BlogProcess process : List.of(first, second)) {
			for (String path : paths) {
				assertThat(get(process.baseUrl() + path).statusCode()).as(path).isEqualTo(200);
			}
		}
	}

	private void assertEverywhereWithin(Predicate<String> shows, String what) throws Exception {
		assertEverywhereWithin(DOCUMENTS, response -> response.statusCode() == 200 && shows.test(response.body()), what);
	}

	private void assertEverywhereWithin(List<String> paths, Predicate<HttpResponse<String>> shows, String what)
			throws Exception {
		long started = System.nanoTime();
		List<String> pending = new ArrayList<>();
		for (BlogProcess process : List.of(first, second)) {
			for (String path : paths) {
				pending.add(process.baseUrl() + path);
			}
		}
		Awaitility.await(what).atMost(FRESH_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> {
				for (var urls = pending.iterator(); urls.hasNext();) {
					if (shows.test(get(urls.next()))) {
						urls.remove();
					}
				}
				assertThat(pending).as(what + " still missing").isEmpty();
			});
		System.out.println("freshness: " + what + " shown by every document of both processes after "
				+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
	}

	/**
	 * Pages are answered from memory after the first request (blog-web's rendered-page cache); every change must
	 * still reach every page of both processes within two seconds.
	 */
	@Test
	void pagesAndFeedsShowAPublishAnEditAnApprovedCommentAndAnUnpublishWithinTwoSeconds() throws Exception {
		Posts posts = new Posts(editing, publishing, users);
		posts.draft("Cache baseline").category("Cache checks").publish();
		List<String> listings = List.of("/", "/feed", "/category/cache-checks/feed");
		read(listings);

		Post post = posts.draft("Cached pages see this").category("Cache checks").publish();
		String page = "/posts/" + post.getSlug();
		List<String> everything = new ArrayList<>(listings);
		everything.addAll(List.of(page, page + "/comments/feed"));
		assertEverywhereWithin(listings, ok(body -> body.contains("Cached pages see this")), "a publish on the listings");

		read(everything);
		editing.save(posts.draft("Cached pages see the edit").slug(post.getSlug()).category("Cache checks").by(users.findById(post.getAuthorId()).block())
			.toDraft(post.getId()), null).block();
		List<String> showingTheTitle = new ArrayList<>(listings);
		showingTheTitle.add(page);
		assertEverywhereWithin(showingTheTitle, ok(body -> body.contains("Cached pages see the edit")), "an edit");

		Comment comment = comments.submit(post.getId(), null, "Careful Reader", "reader@example.org", null,
				"Approved while the page was cached", false, "192.0.2.7").block();
		read(everything);
		comments.moderate(comment.id(), CommentStatus.APPROVED).block();
		assertEverywhereWithin(List.of(page, page + "/comments/feed"), ok(body -> body.contains("Approved while the page was cached")),
				"an approved comment");

		read(everything);
		publishing.unpublish(post.getId()).block();
		assertEverywhereWithin(List.of(page), response -> response.statusCode() == 404, "an unpublished post's page gone");
		assertEverywhereWithin(listings, ok(body -> !body.contains("Cached pages see the edit")), "an unpublish on the listings");
	}

	private static Predicate<HttpResponse<String>> ok(Predicate<String> shows) {
		return response -> response.statusCode() == 200 && shows.test(response.body());
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** blog-core alone in this JVM, doing what blog-admin does. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@AutoConfigurationPackage(basePackages = "org.drugsandcrime.blog.core")
	@ComponentScan("org.drugsandcrime.blog.core")
	static class CoreOnly {
	}
}
