package org.drugsandcrime.blog.web.cache;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client may cause {@code blog.web.render-limit.per-minute} uncached renders (5 here), refilled at that
 * rate; the next gets a readable 429 page that says when to come back, while other clients (told apart behind
 * the trusted proxy, 127.0.0.1 here) and pages already in the cache are served as ever. The clock stands still
 * unless a test moves it, so nothing refills behind a slow machine's back.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "blog.demo.content=false",
		"blog.proxy.trusted=127.0.0.1", "blog.web.render-limit.per-minute=5" })
@AutoConfigureWebTestClient
@Import(RenderLimitTests.StillClock.class)
class RenderLimitTests {

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@AfterEach
	void backToThePresent() {
		clock.set(Instant.now());
	}

	@Test
	void theRenderAfterTheAllowanceIsRefusedForThatClientAloneAndCachedPagesStillCome() {
		String client = "198.51.100.10";
		String first = "/search?q=" + Readers.unique("limited");
		search(client, first).expectStatus().isOk();
		for (int i = 2; i <= 5; i++) {
			search(client, "/search?q=" + Readers.unique("limited")).expectStatus().isOk();
		}
		EntityExchangeResult<String> refused = search(client, "/search?q=" + Readers.unique("limited"))
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectBody(String.class).returnResult();
		assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("12");
		assertThat(refused.getResponseBody()).contains("Too many requests").contains("wait a minute");
		assertThat(refused.getResponseHeaders().getFirst("Content-Security-Policy")).isNotBlank();

		for (int i = 0; i < 20; i++) {
			search(client, first).expectStatus().isOk();
		}
		search("203.0.113.77", "/search?q=" + Readers.unique("other")).expectStatus().isOk();
		search(client, "/no-such-page-" + Readers.unique("x")).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		clock.advance(Duration.ofSeconds(12));
		search(client, "/search?q=" + Readers.unique("later")).expectStatus().isOk();
		search(client, "/search?q=" + Readers.unique("later")).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	private WebTestClient.ResponseSpec search(String client, String path) {
		return web.get().uri(path).header("X-Forwarded-For", client).exchange();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StillClock {

		@Bean
		@Primary
		MutableClock stillClock() {
			return MutableClock.startingNow();
		}
	}
}
