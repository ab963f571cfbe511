package org.drugsandcrime.blog.core.demo;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class GeneratedPostsTests {

	@Autowired
	GeneratedPosts generator;

	@Autowired
	PublishedPosts published;

	@Autowired
	DatabaseClient database;

	@Test
	void generatesPublishedPostsWithThreeCommentsEachAndSearchableThemes() {
		generator.generate(200).block();
		assertThat(count("posts WHERE slug LIKE 'generated-post-%'")).isEqualTo(200);
		assertThat(count("comments c JOIN posts p ON p.id = c.post_id WHERE p.slug LIKE 'generated-post-%'")).isEqualTo(600);
		assertThat(count("post_categories pc JOIN posts p ON p.id = pc.post_id WHERE p.slug LIKE 'generated-post-%'"))
			.isEqualTo(200);
		assertThat(published.latest(1, 10).block().posts()).hasSize(10);
		long sentencing = count("posts WHERE slug LIKE 'generated-post-%' AND search_vector @@ websearch_to_tsquery('english', 'sentencing')");
		assertThat(sentencing).as("a theme matches a share of the archive, not all of it").isBetween(10L, 40L);
	}

	private long count(String from) {
		return database.sql("SELECT count(*) FROM " + from).map(row -> row.get(0, Long.class)).one().block();
	}
}
