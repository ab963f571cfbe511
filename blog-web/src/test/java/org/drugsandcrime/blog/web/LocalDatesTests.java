package org.drugsandcrime.blog.web;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers see dates in the site's time zone (Europe/London unless staff chose another), machines the exact
 * instant in UTC: a post published at 23:30 UTC on 30 June 2026 went live at 00:30 on 1 July in London.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LocalDatesTests {

	static final Instant LAST_OF_JUNE_UTC = Instant.parse("2026-06-30T23:30:00Z");

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	ContentChanges changes;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
	}

	@Test
	void aPostIsDatedAndArchivedByTheSiteCalendarAndKeepsItsInstantForMachines() {
		Post post = readers.posts().draft(Readers.unique("Half past midnight in London")).publish();
		database.sql("UPDATE posts SET published_at = :at, updated_at = :at WHERE id = :id")
			.bind("at", LAST_OF_JUNE_UTC)
			.bind("id", post.getId())
			.fetch()
			.rowsUpdated()
			.block();
		changes.announce(new ContentChange("post", post.getId())).block();

		String page = page("/posts/" + post.getSlug());
		assertThat(page).contains("<time datetime=\"2026-06-30T23:30:00Z\">1 July 2026</time>")
			.contains("\"datePublished\":\"2026-06-30T23:30:00Z\"");
		assertThat(page("/archive/2026/07")).contains(post.getTitle());
		assertThat(web.get().uri("/archive/2026/06").exchange().expectBody(String.class).returnResult().getResponseBody())
			.doesNotContain(post.getTitle());
	}

	private String page(String path) {
		return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}
}
