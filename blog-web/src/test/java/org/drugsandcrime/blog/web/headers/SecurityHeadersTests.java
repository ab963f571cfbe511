package org.drugsandcrime.blog.web.headers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.drugsandcrime.blog.core.media.MediaProperties;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.RawHttp;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of response of the public site carries the security headers, rendered or replayed from the page
 * cache, success, redirect, revalidation or error; files under /media/ carry a sandbox instead of the page
 * policy; HSTS only when the reader's connection was https, which only a trusted proxy (127.0.0.1 here, where
 * every test client connects from) can say.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "blog.demo.content=false",
		"blog.proxy.trusted=127.0.0.1", "blog.media.dir=target/test-media" })
@AutoConfigureWebTestClient
class SecurityHeadersTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	Redirects redirects;

	@Autowired
	MediaProperties media;

	@LocalServerPort
	int port;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
	}

	@Test
	void thePagePolicyAllowsNoScriptFramesOnlyFromVideoPlayersAndNoFramingOrForeignForms() {
		Map<String, String> policy = directives(SecurityHeaders.PAGE_POLICY);
		assertThat(policy).containsEntry("default-src", "'none'")
			.doesNotContainKey("script-src")
			.containsEntry("style-src", "'self'")
			.containsEntry("img-src", "'self' https:")
			.containsEntry("frame-src", "https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com")
			.containsEntry("form-action", "'self'")
			.containsEntry("frame-ancestors", "'none'")
			.containsEntry("base-uri", "'none'")
			.containsEntry("object-src", "'none'");
		assertThat(SecurityHeaders.PAGE_POLICY).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("data:");
	}

	@Test
	void everyKindOfPageFeedAndErrorCarriesTheHeaders() {
		String category = Readers.unique("Headed Category");
		Post post = readers.posts().draft(Readers.unique("Headed post")).category(category).publish();
		String page = Readers.unique("headed-page");
		database.sql("INSERT INTO pages (slug, title, body_markdown, body_html, status, created_at, updated_at) "
				+ "VALUES (:slug, 'Headed page', '', '<p>Page.</p>', 'PUBLISHED', now(), now())")
			.bind("slug", page).fetch().rowsUpdated().block();
		String old = "/" + Readers.unique("old-address");
		redirects.record(old, "/posts/" + post.getSlug()).block();

		Map<String, Integer> answers = new LinkedHashMap<>();
		answers.put("/", 200);
		answers.put("/posts/" + post.getSlug(), 200);
		answers.put("/category/" + Slugs.fromTitle(category, "x"), 200);
		answers.put("/archive/" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).getYear(), 200);
		answers.put("/search?q=headed", 200);
		answers.put("/pages/" + page, 200);
		answers.put("/subscribe", 200);
		answers.put("/feed", 200);
		answers.put("/feed/atom", 200);
		answers.put("/feed.json", 200);
		answers.put("/sitemap.xml", 200);
		answers.put("/sitemaps/posts-1.xml", 200);
		answers.put("/robots.txt", 200);
		answers.put("/assets/site.css", 200);
		answers.put("/no-such-page", 404);
		answers.put("/search?page=nought", 400);
		answers.put(old, 301);
		answers.put("/page/1", 303);
		for (var answer : answers.entrySet()) {
			// Twice: the first is rendered, the second (where the cache keeps it) replayed from memory.
			for (String time : List.of("first", "second")) {
				EntityExchangeResult<byte[]> result = web.get().uri(answer.getKey()).exchange()
					.expectBody().returnResult();
				assertThat(result.getStatus().value()).as(answer.getKey()).isEqualTo(answer.getValue());
				assertPageHeaders(result.getResponseHeaders(), answer.getKey() + " (" + time + " time)");
			}
		}
	}

	@Test
	void aCachedPageRevalidatedWithA304AndAHeadCarryTheHeaders() {
		String path = "/posts/" + readers.posts().draft(Readers.unique("Revalidated")).publish().getSlug();
		String etag = web.get().uri(path).exchange().expectStatus().isOk().returnResult(String.class)
			.getResponseHeaders().getETag();
		EntityExchangeResult<byte[]> notModified = web.get().uri(path).header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange().expectStatus().isNotModified().expectBody().returnResult();
		assertPageHeaders(notModified.getResponseHeaders(), "304");
		EntityExchangeResult<byte[]> head = web.head().uri(path).exchange().expectStatus().isOk().expectBody().returnResult();
		assertPageHeaders(head.getResponseHeaders(), "HEAD");
	}

	@Test
	void formPostsAndTheirRefusalsCarryTheHeaders() {
		Post post = readers.posts().draft(Readers.unique("Commented")).publish();
		EntityExchangeResult<byte[]> accepted = readers.comment(post.getSlug(),
				Readers.form("Reader", "reader@example.org", Readers.unique("A header comment")))
			.expectStatus().isSeeOther().expectBody().returnResult();
		assertPageHeaders(accepted.getResponseHeaders(), "comment posted");

		EntityExchangeResult<byte[]> crossSite = web.post().uri("/subscribe").header("Sec-Fetch-Site", "cross-site")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("email", "x@example.org"))
			.exchange().expectStatus().is4xxClientError().expectBody().returnResult();
		assertPageHeaders(crossSite.getResponseHeaders(), "cross-site subscribe");

		byte[] tooLong = new byte[6 * 1024 * 1024];
		Arrays.fill(tooLong, (byte) 'x');
		System.arraycopy("body=".getBytes(StandardCharsets.US_ASCII), 0, tooLong, 0, 5);
		// Sent by hand: the site answers 413 and closes before the body is all sent, which WebClient takes for a failure.
		RawHttp.Answer oversized = new RawHttp(port).post("/posts/" + post.getSlug() + "/comments",
				"application/x-www-form-urlencoded", tooLong);
		assertThat(oversized.status()).isEqualTo(413);
		HttpHeaders headers = new HttpHeaders();
		oversized.head().lines().skip(1).filter(line -> line.contains(":")).forEach(line -> headers
			.add(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip()));
		assertPageHeaders(headers, "oversized comment");
	}

	@Test
	void tokenPagesKeepTheirStricterReferrerPolicy() {
		EntityExchangeResult<byte[]> result = web.get().uri("/unsubscribe?token=" + "a".repeat(43)).exchange()
			.expectBody().returnResult();
		assertThat(result.getResponseHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(result.getResponseHeaders().getFirst("Content-Security-Policy")).isEqualTo(SecurityHeaders.PAGE_POLICY);
	}

	@Test
	void uploadedFilesAreServedSandboxedSoAnSvgOpenedOnItsOwnRunsNoScript() throws IOException {
		Path dir = media.dir();
		Files.createDirectories(dir);
		String svg = Readers.unique("drawing") + ".svg";
		Files.writeString(dir.resolve(svg), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
				StandardCharsets.UTF_8);
		String png = Readers.unique("photo") + ".png";
		Files.write(dir.resolve(png), new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		try {
			for (String file : List.of(svg, png)) {
				for (String time : List.of("first", "second")) {
					HttpHeaders headers = web.get().uri("/media/" + file).exchange().expectStatus().isOk()
						.expectBody().returnResult().getResponseHeaders();
					assertThat(headers.getFirst("Content-Security-Policy")).as(file).isEqualTo(SecurityHeaders.FILE_POLICY);
					assertThat(headers.getFirst("X-Content-Type-Options")).as(file).isEqualTo("nosniff");
					assertThat(headers.getFirst("Referrer-Policy")).as(file).isEqualTo(SecurityHeaders.REFERRER_POLICY);
					assertThat(headers.getFirst("Permissions-Policy")).as(file).isEqualTo(SecurityHeaders.PERMISSIONS_POLICY);
				}
			}
			assertThat(directives(SecurityHeaders.FILE_POLICY)).containsEntry("default-src", "'none'").containsKey("sandbox");
			// A file that is not there gets the site's own 404 page, styled by the site's stylesheet.
			HttpHeaders missing = web.get().uri("/media/" + Readers.unique("missing") + ".png").exchange()
				.expectStatus().isNotFound().expectBody().returnResult().getResponseHeaders();
			assertPageHeaders(missing, "missing media");
		}
		finally {
			Files.deleteIfExists(dir.resolve(svg));
			Files.deleteIfExists(dir.resolve(png));
		}
	}

	@Test
	void hstsIsSentOnlyWhenTheTrustedProxySaysTheReaderCameOverHttpsCachedOrNot() {
		String path = "/posts/" + readers.posts().draft(Readers.unique("Transport")).publish().getSlug();
		for (String time : List.of("rendered", "cached")) {
			HttpHeaders https = web.get().uri(path).header("X-Forwarded-Proto", "https").exchange().expectStatus().isOk()
				.expectBody().returnResult().getResponseHeaders();
			assertThat(https.getFirst("Strict-Transport-Security")).as(time).isEqualTo("max-age=31536000; includeSubDomains");
			HttpHeaders http = web.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult()
				.getResponseHeaders();
			assertThat(http.containsHeader("Strict-Transport-Security")).as(time + " over http").isFalse();
		}
		HttpHeaders notFound = web.get().uri("/no-such-page").header("X-Forwarded-Proto", "https").exchange()
			.expectStatus().isNotFound().expectBody().returnResult().getResponseHeaders();
		assertThat(notFound.containsHeader("Strict-Transport-Security")).as("the 404 page over https").isTrue();
	}

	@Test
	void aClientConnectingDirectlyCannotEarnHstsByClaimingHttps() {
		WebTestClient direct = WebTestClient.bindToServer(new ReactorClientHttpConnector(
				HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.parse(BlogTest.RESPONSE_TIMEOUT))
			.build();
		HttpHeaders headers = direct.get().uri("/").header("X-Forwarded-Proto", "https").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseHeaders();
		assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
		assertPageHeaders(headers, "direct client");
	}

	private static void assertPageHeaders(HttpHeaders headers, String what) {
		assertThat(headers.getFirst("Content-Security-Policy")).as(what + ": CSP").isEqualTo(SecurityHeaders.PAGE_POLICY);
		assertThat(headers.getFirst("X-Content-Type-Options")).as(what + ": nosniff").isEqualTo("nosniff");
		assertThat(headers.getFirst("X-Frame-Options")).as(what + ": X-Frame-Options").isEqualTo("DENY");
		assertThat(headers.getFirst("Referrer-Policy")).as(what + ": Referrer-Policy").isEqualTo("strict-origin-when-cross-origin");
		assertThat(headers.getFirst("Permissions-Policy")).as(what + ": Permissions-Policy")
			.isEqualTo(SecurityHeaders.PERMISSIONS_POLICY)
			.contains("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "browsing-topics=()");
		assertThat(headers.containsHeader("Strict-Transport-Security")).as(what + ": no HSTS over http").isFalse();
	}

	private static Map<String, String> directives(String policy) {
		return Arrays.stream(policy.split(";"))
			.map(String::strip)
			.filter(directive -> !directive.isEmpty())
			.collect(Collectors.toMap(directive -> directive.split(" ", 2)[0],
					directive -> directive.contains(" ") ? directive.split(" ", 2)[1] : "", (a, b) -> a, LinkedHashMap::new));
	}
}
