package org.drugsandcrime.blog.web.quality;

import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database round trips per page, with the page cache off so every request renders: a small fixed number,
 * the same for a post with 2 comments as for one with 200, and for an archive of 2 posts as for one of 40.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "blog.demo.content=false", "blog.web.cache.enabled=false" })
@AutoConfigureWebTestClient
@Import(StatementCounter.Installed.class)
class QueryCountTests {

	/** Site header (settings, menu) plus the page's own reads; more means a query per item has crept in. */
	private static final int MOST_PER_PAGE = 6;

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	StatementCounter counter;

	@Autowired
	DatabaseClient database;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
	}

	@Test
	void aPostPageCostsTheSameWithTwoHundredCommentsAsWithTwo() {
		String category = Readers.unique("Counted");
		Post few = readers.posts().draft(Readers.unique("Few comments")).category(category).tag("counted").publish();
		Post many = readers.posts().draft(Readers.unique("Many comments")).category(category).tag("counted").publish();
		approvedComments(few, 2);
		approvedComments(many, 200);

		int withFew = statements("/posts/" + few.getSlug());
		int withMany = statements("/posts/" + many.getSlug());

		assertThat(withMany).isEqualTo(withFew).isLessThanOrEqualTo(MOST_PER_PAGE);
		assertThat(page("/posts/" + many.getSlug())).contains("Comment 200 on");
	}

	@Test
	void theHomePageAndAnArchiveCostTheSameHoweverManyPostsThereAre() {
		String small = Readers.unique("Small archive");
		String large = Readers.unique("Large archive");
		IntStream.range(0, 2).forEach(i -> readers.posts().draft(Readers.unique("Small " + i)).category(small).publish());
		int homeBefore = statements("/");
		IntStream.range(0, 40).forEach(i -> readers.posts().draft(Readers.unique("Large " + i)).category(large).tag("bulk").publish());
		int homeAfter = statements("/");

		assertThat(homeAfter).isEqualTo(homeBefore).isLessThanOrEqualTo(MOST_PER_PAGE);
		int smallArchive = statements("/category/" + slug(small));
		int largeArchive = statements("/category/" + slug(large));
		assertThat(largeArchive).isEqualTo(smallArchive).isLessThanOrEqualTo(MOST_PER_PAGE);
		assertThat(statements("/category/" + slug(large) + "/page/2")).isEqualTo(largeArchive);
	}

	@Test
	void theHomePageLooksForAnOldWordPressAddressOnlyWhenItsQueryNamesOne() {
		readers.posts().draft(Readers.unique("Home with a query")).publish();
		int home = statements("/");
		assertThat(statements("/?utm_source=newsletter")).isEqualTo(home);
		assertThat(statements("/?s=probation&paged=2")).isEqualTo(home);
		// /?p=ID with no such old address: one lookup, then the home page as ever.
		assertThat(statements("/?p=424242")).isEqualTo(home + 1);
	}

	/**
	 * The fewest statements of three renderings: content changes make the application re-read its schedule in
	 * the background, and such a read may land inside one measurement but not in all three.
	 */
	private int statements(String path) {
		int fewest = Integer.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			fewest = Math.min(fewest, counter.count(() -> page(path)));
		}
		System.out.println("blog tests: statements for " + path + ": " + fewest);
		return fewest;
	}

	private String page(String path) {
		return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	private void approvedComments(Post post, int count) {
		database.sql("""
				INSERT INTO comments (post_id, author_name, author_email, body, status, created_at)
				SELECT :post, 'Reader ' || n, 'reader' || n || '@example.org', 'Comment ' || n || ' on sentencing.',
				       'APPROVED', now() - make_interval(mins => 1000 - n)
				FROM generate_series(1, :count) n""")
			.bind("post", post.getId())
			.bind("count", count)
			.fetch()
			.rowsUpdated()
			.block();
	}

	private static String slug(String name) {
		return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}
}
