package org.drugsandcrime.blog.web.comment;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comment limit and the address kept with a comment are the reader's, behind the trusted proxy (127.0.0.1
 * here, the address every test client connects from): readers behind one proxy do not share one allowance, and
 * a client connecting directly (from 127.0.0.2) cannot name another address in {@code X-Forwarded-For}.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "blog.proxy.trusted=127.0.0.1")
@AutoConfigureWebTestClient
class CommentsBehindAProxyTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	CommentRequests requests;

	@Autowired
	DatabaseClient database;

	@Value("${local.server.port}")
	int port;

	Post post;

	@BeforeEach
	void setUp() {
		requests.forget();
		post = Readers.of(context, web).posts().draft(Readers.unique("Proxied post")).publish();
	}

	@Test
	void eachReaderBehindTheProxyHasTheirOwnAllowanceAndAddress() {
		Readers first = reader(web, "198.51.100.7");
		for (int i = 1; i <= CommentRequests.PER_WINDOW; i++) {
			first.comment(post.getSlug(), Readers.form("First", "first@example.org", Readers.unique("From the first"))).expectStatus().isSeeOther();
		}
		first.comment(post.getSlug(), Readers.form("First", "first@example.org", "One too many")).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		String text = Readers.unique("From the second reader");
		reader(web, "198.51.100.8").comment(post.getSlug(), Readers.form("Second", "second@example.org", text))
			.expectStatus().isSeeOther();
		assertThat(address(text)).isEqualTo("198.51.100.8");
	}

	@Test
	void aClientConnectingDirectlyIsCountedByItsOwnAddressWhateverItsHeadersSay() {
		WebTestClient direct = WebTestClient.bindToServer(new ReactorClientHttpConnector(
				HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.parse(BlogTest.RESPONSE_TIMEOUT))
			.build();
		String first = Readers.unique("Direct");
		reader(direct, "198.51.100.20").comment(post.getSlug(), Readers.form("Direct", "d@example.org", first)).expectStatus().isSeeOther();
		assertThat(address(first)).isEqualTo("127.0.0.2");
		for (int i = 2; i <= CommentRequests.PER_WINDOW; i++) {
			reader(direct, "198.51.100." + (20 + i)).comment(post.getSlug(),
					Readers.form("Direct", "d@example.org", Readers.unique("Direct"))).expectStatus().isSeeOther();
		}
		reader(direct, "198.51.100.99").comment(post.getSlug(), Readers.form("Direct", "d@example.org", "Forged away"))
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	private Readers reader(WebTestClient client, String forwardedFor) {
		return Readers.of(context, client.mutate().defaultHeader("X-Forwarded-For", forwardedFor).build());
	}

	private String address(String body) {
		return database.sql("SELECT client_address FROM comments WHERE body = :body").bind("body", body)
			.map((row, meta) -> row.get("client_address", String.class)).one().block();
	}
}
