package org.drugsandcrime.blog.web.cache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.change.ContentVersion;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RenderedPageCacheTests {

	@Autowired
	WebTestClient web;

	@LocalServerPort
	int port;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	DatabaseClient database;

	@Autowired
	ContentChanges changes;

	@Autowired
	ContentVersion version;

	@Test
	void aSecondRequestIsAnsweredFromMemoryUntilAChangeIsAnnounced() {
		Post post = published(new Posts(editing, publishing, users).draft("Cached title"));
		String path = "/posts/" + post.getSlug();
		assertThat(body(path)).contains("Cached title");
		// Behind the platform's back: no announcement, so the cached page still stands.
		database.sql("UPDATE posts SET title = 'Changed behind its back' WHERE id = :id").bind("id", post.getId())
			.fetch().rowsUpdated().block();
		assertThat(body(path)).contains("Cached title");
		changes.announce(new ContentChange("post", post.getId())).block();
		Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(body(path)).contains("Changed behind its back"));
	}

	@Test
	void headFromTheCacheHasTheHeadersOfGetAndNoBody() {
		Post post = published(new Posts(editing, publishing, users).draft("Head from memory"));
		String path = "/posts/" + post.getSlug();
		byte[] get = web.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
		web.head().uri(path).exchange().expectStatus().isOk()
			.expectHeader().contentLength(get.length)
			.expectHeader().contentTypeCompatibleWith("text/html")
			.expectBody().isEmpty();
	}

	@Test
	void readersWhoAcceptGzipGetTheCachedPageCompressedOnce() {
		Post post = published(new Posts(editing, publishing, users).draft("Compressed from memory").body("Words. ".repeat(400)));
		String path = "/posts/" + post.getSlug();
		byte[] plain = web.get().uri(path).exchange().expectBody().returnResult().getResponseBody();
		// A plain HTTP client: WebTestClient's would drop the Accept-Encoding header it does not decode itself.
		HttpRequest gzip = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Encoding", "gzip")
			.build();
		Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			HttpResponse<byte[]> response = HttpClient.newHttpClient().send(gzip, HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
			assertThat(response.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Accept-Encoding"));
			assertThat(gunzip(response.body())).isEqualTo(plain);
		});
		web.get().uri(path).exchange().expectHeader().doesNotExist("Content-Encoding");
	}

	private static byte[] gunzip(byte[] bytes) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Publishes and waits for the publish's own announcement, which arrives asynchronously: a page rendered while
	 * it is on its way is (rightly) not kept, which would make these tests depend on timing.
	 */
	private Post published(Posts.Builder draft) {
		long before = version.current();
		Post post = draft.publish();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> version.current() > before);
		return post;
	}

	private String body(String path) {
		return web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}
}
