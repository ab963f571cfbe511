package org.drugsandcrime.blog.web.views;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.stats.PostViewCounts;
import org.drugsandcrime.blog.core.stats.PostViewCounts.DailyCount;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers' views of posts are counted in memory, pages from the cache included, and reach the database in one
 * statement per flush. The flush interval is an hour here, so only the tests flush.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "blog.demo.content=false", "blog.web.views.flush-interval=1h" })
@AutoConfigureWebTestClient
@Import(UpsertCounter.Installed.class)
class ViewCountingTests {

	static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	ViewTally tally;

	@Autowired
	PostViewCounts store;

	@Autowired
	UpsertCounter upserts;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
		// Whatever other tests counted stays out of these tests' statements.
		tally.flush().block();
	}

	@Test
	void pagesServedFromThePageCacheCountLikeRenderedOnes() {
		String title = Readers.unique("Counted from memory");
		Post post = readers.posts().draft(title).publish();
		String path = "/posts/" + post.getSlug();
		int reads = 0;
		boolean fromTheCache = false;
		// The publish's own notification may still empty the cache once, so try until a page provably came from it.
		for (int attempt = 0; attempt < 20 && !fromTheCache; attempt++) {
			retitle(post, title);
			read(path);
			// Changed behind the platform's back (no announcement): a page still showing the old title came from memory.
			retitle(post, "Changed behind its back");
			fromTheCache = read(path).contains(title);
			reads += 2;
		}
		assertThat(fromTheCache).as("a page answered from the cache").isTrue();
		counted(reads);

		tally.flush().block();

		assertThat(views(post)).isEqualTo(reads);
	}

	private void retitle(Post post, String title) {
		database.sql("UPDATE posts SET title = :title WHERE id = :id").bind("title", title).bind("id", post.getId())
			.fetch().rowsUpdated().block();
	}

	@Test
	void oneFlushWritesEveryCountedViewInOneStatement() {
		Post first = readers.posts().draft(Readers.unique("Batched first")).publish();
		Post second = readers.posts().draft(Readers.unique("Batched second")).publish();
		for (int i = 0; i < 5; i++) {
			read("/posts/" + first.getSlug());
		}
		for (int i = 0; i < 3; i++) {
			read("/posts/" + second.getSlug());
		}
		counted(8);

		assertThat(upserts.count(() -> tally.flush().block())).isEqualTo(1);

		assertThat(views(first)).isEqualTo(5);
		assertThat(views(second)).isEqualTo(3);
		assertThat(upserts.count(() -> tally.flush().block())).as("nothing counted, nothing written").isZero();
	}

	@Test
	void revalidationsHeadRequestsRobotsScriptsAndOtherPathsAreNotViews() {
		Post post = readers.posts().draft(Readers.unique("Not a view")).publish();
		String path = "/posts/" + post.getSlug();
		String etag = web.get().uri(path).header(HttpHeaders.USER_AGENT, "Googlebot/2.1 (+http://www.google.com/bot.html)")
			.exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
		web.get().uri(path).header(HttpHeaders.USER_AGENT, BROWSER).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isNotModified();
		web.head().uri(path).header(HttpHeaders.USER_AGENT, BROWSER).exchange().expectStatus().isOk();
		web.get().uri(path).header(HttpHeaders.USER_AGENT, "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")
			.exchange().expectStatus().isOk();
		web.get().uri(path).header(HttpHeaders.USER_AGENT, "curl/8.5.0").exchange().expectStatus().isOk();
		web.get().uri(path).header(HttpHeaders.USER_AGENT, "").exchange().expectStatus().isOk();
		web.get().uri(path + "/comments/feed").header(HttpHeaders.USER_AGENT, BROWSER).exchange().expectStatus().isOk();
		web.get().uri(path + "-missing").header(HttpHeaders.USER_AGENT, BROWSER).exchange().expectStatus().isNotFound();
		read(path);
		counted(1);

		tally.flush().block();

		assertThat(views(post)).as("only the last GET was a reader's view").isEqualTo(1);
	}

	@Test
	void countingSetsNoCookieAndStoresNothingAboutTheReader() {
		Post post = readers.posts().draft(Readers.unique("Private reading")).publish();
		web.get().uri("/posts/" + post.getSlug())
			.header(HttpHeaders.USER_AGENT, BROWSER + " distinctive-agent")
			.header("X-Forwarded-For", "198.51.100.77")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
		counted(1);
		tally.flush().block();

		assertThat(database.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'post_daily_views' "
				+ "ORDER BY ordinal_position").map(row -> row.get(0, String.class)).all().collectList().block())
			.as("a post, a day and a number: no address, agent or visitor id")
			.containsExactly("post_id", "day", "views");
		assertThat(database.sql("SELECT day, views FROM post_daily_views WHERE post_id = :id").bind("id", post.getId())
			.map(row -> row.get("day", LocalDate.class) + " " + row.get("views", Long.class)).all().collectList().block())
			.containsExactly(LocalDate.now(Clock.systemUTC().withZone(ZoneOffset.UTC)) + " 1");
	}

	@Test
	void countsFromSeveralProcessesAddUpRatherThanOverwrite() {
		Post post = readers.posts().draft(Readers.unique("Read everywhere")).publish();
		LocalDate day = LocalDate.of(2026, 3, 14);
		// Two public-site processes flushing the same post and day, each with what it counted.
		store.add(List.of(new DailyCount(post.getSlug(), day, 4))).block();
		store.add(List.of(new DailyCount(post.getSlug(), day, 6), new DailyCount("no-such-post-" + post.getId(), day, 9)))
			.block();

		assertThat(views(post)).isEqualTo(10);
	}

	@Test
	void stoppingTheProcessFlushesWhatIsStillInMemory() {
		Post post = readers.posts().draft(Readers.unique("Read before shutdown")).publish();
		ViewFlushing flushing = new ViewFlushing(tally, Duration.ofHours(1));
		flushing.start();
		read("/posts/" + post.getSlug());
		counted(1);

		flushing.stop();

		assertThat(views(post)).isEqualTo(1);
	}

	@Test
	void switchedOffThereIsNoCounterAtAll() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(ViewCountingConfiguration.class)
			.withBean(PostViewCounts.class, () -> store)
			.withBean(Clock.class, Clock::systemUTC);
		runner.withPropertyValues("blog.web.views.enabled=false")
			.run(off -> assertThat(off).doesNotHaveBean(PostViewCounter.class).doesNotHaveBean(ViewFlushing.class));
		runner.run(on -> assertThat(on).hasSingleBean(PostViewCounter.class).hasSingleBean(ViewFlushing.class));
	}

	private String read(String path) {
		return web.get().uri(path).header(HttpHeaders.USER_AGENT, BROWSER).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	/**
	 * Waits until {@code views} views are in memory: the server counts when its response completes, which can be
	 * a moment after the client has read it.
	 */
	private void counted(long views) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tally.pending() >= views);
	}

	private long views(Post post) {
		return database.sql("SELECT coalesce(sum(views), 0) AS n FROM post_daily_views WHERE post_id = :id")
			.bind("id", post.getId()).map(row -> row.get("n", Long.class)).one().block();
	}
}
