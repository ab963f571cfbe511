package org.drugsandcrime.blog.core.demo;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.PostSummary;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Other test classes share this JVM's database, so the test empties it and loads explicitly. */
@BlogTest(properties = { "blog.demo.content=true", "blog.admin.password-file=target/first-admin-password" })
class DemoContentTests {

	@Autowired
	DemoContent demo;

	@Autowired
	PublishedPosts published;

	@Autowired
	DatabaseClient database;

	@Test
	void theDemoIsLoadedIntoAnEmptyDatabaseAndNeverOverExistingContent() {
		database.sql("TRUNCATE posts, comments, post_categories, post_tags, categories, tags, series, redirects, "
				+ "navigation_items, subscribers, pages, post_revisions, audit_log, media, users CASCADE").fetch().rowsUpdated().block();
		demo.fill().block();
		long posts = count("posts");
		assertThat(posts).isGreaterThanOrEqualTo(15);
		assertThat(count("comments")).isGreaterThanOrEqualTo(20);
		assertThat(count("users WHERE twitter_handle IS NOT NULL")).isGreaterThanOrEqualTo(2);
		assertThat(count("categories WHERE name IN ('Payment by Results', 'On Probation', 'Featured')")).isEqualTo(3);
		assertThat(count("posts p JOIN series s ON s.id = p.series_id WHERE s.name = 'PbR video interviews'"))
			.isGreaterThanOrEqualTo(3);
		assertThat(count("posts WHERE body_html LIKE '%<iframe%'")).isGreaterThanOrEqualTo(1);
		assertThat(count("posts WHERE body_html LIKE '%<img%'")).isGreaterThanOrEqualTo(1);
		assertThat(count("comments WHERE status = 'PENDING'")).isGreaterThanOrEqualTo(1);
		assertThat(count("comments WHERE parent_id IS NOT NULL")).isGreaterThanOrEqualTo(1);
		assertThat(count("subscribers")).isGreaterThanOrEqualTo(3);
		assertThat(count("users WHERE email = 'admin@example.org' AND password_hash LIKE '$argon2id$%'")).isEqualTo(1);
		assertThat(published.latest(1, 10).block().posts()).extracting(PostSummary::title).hasSize(10);

		demo.fill().block();
		assertThat(count("posts")).isEqualTo(posts);
	}

	private long count(String from) {
		return database.sql("SELECT count(*) AS n FROM " + from).map((row, meta) -> row.get("n", Long.class)).one().block();
	}
}
