package org.drugsandcrime.blog.web.guard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.RawHttp;
import org.drugsandcrime.blog.web.RawHttp.Answer;
import org.drugsandcrime.blog.web.RawHttp.Ending;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every POST the public site maps, found in the handler mapping (a new form is covered without touching this test),
 * sent every kind of body it cannot take: each answer is the site's own error page with the status that says why
 * (413 too large, 415 not a form, 400 a form that cannot be read, 408 a body that stopped arriving), never a 500,
 * never a stack trace, never a connection left hanging; and nothing is stored.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "blog.demo.content=false",
		"blog.web.forms.read-timeout=2s" })
@AutoConfigureWebTestClient
class EveryPublicPostWithABadBodyTests {

	static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Value("${local.server.port}")
	int port;

	RawHttp http;

	List<String> paths;

	@BeforeEach
	void setUp() {
		http = new RawHttp(port);
		Post post = Readers.of(context, web).posts().draft(Readers.unique("Bodies")).publish();
		paths = postPaths().stream().map(pattern -> pattern.replace("{slug}", post.getSlug())).toList();
		assertThat(paths).as("the public site's POST mappings")
			.contains("/posts/" + post.getSlug() + "/comments", "/subscribe", "/subscribe/confirm", "/unsubscribe", "/replies/stop");
	}

	/** A body as sent, and the status that is right for it. */
	record BadBody(String name, String contentType, byte[] bytes, int status) {
	}

	static List<BadBody> bodies() {
		String boundary = "----reader" + System.nanoTime();
		byte[] withFile = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nHello\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
				+ "\u0089PNG\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
		byte[] cutOff = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nnot all of it")
			.getBytes(StandardCharsets.UTF_8);
		byte[] sixMegabytes = new byte[6 * 1024 * 1024];
		Arrays.fill(sixMegabytes, (byte) 'x');
		System.arraycopy("body=".getBytes(StandardCharsets.US_ASCII), 0, sixMegabytes, 0, 5);
		byte[] garbage = new byte[2048];
		new java.util.Random(15).nextBytes(garbage);
		String form = "application/x-www-form-urlencoded";
		return List.of(new BadBody("a 6 MB form", form, sixMegabytes, 413),
				new BadBody("JSON", "application/json", "{\"name\":\"A\",\"body\":\"Hi\"}".getBytes(StandardCharsets.UTF_8), 415),
				new BadBody("plain text", "text/plain", "name=A&body=Hi".getBytes(StandardCharsets.UTF_8), 415),
				new BadBody("no content type", null, "name=A&body=Hi".getBytes(StandardCharsets.UTF_8), 415),
				new BadBody("binary garbage", "application/octet-stream", garbage, 415),
				new BadBody("a content type that is no type", "form; ;=", "name=A".getBytes(StandardCharsets.UTF_8), 415),
				new BadBody("a form in UTF-16", form + "; charset=UTF-16", "name=A".getBytes(StandardCharsets.UTF_16), 415),
				new BadBody("multipart carrying a file", "multipart/form-data; boundary=" + boundary, withFile, 415),
				new BadBody("multipart without a boundary", "multipart/form-data", withFile, 415),
				new BadBody("multipart cut off before its closing boundary", "multipart/form-data; boundary=" + boundary, cutOff, 400),
				new BadBody("binary garbage called a form", form, garbage, 400),
				new BadBody("broken percent-encoding", form, "name=A&body=%zz".getBytes(StandardCharsets.US_ASCII), 400),
				new BadBody("a form cut inside an escape", form, "name=A&body=abc%2".getBytes(StandardCharsets.US_ASCII), 400),
				new BadBody("escaped bytes that are not UTF-8", form, "name=%FF%FE&body=x".getBytes(StandardCharsets.US_ASCII), 400),
				new BadBody("overlong UTF-8", form, "name=%C0%AF..%C0%AF&body=x".getBytes(StandardCharsets.US_ASCII), 400),
				new BadBody("raw bytes that are not UTF-8", form, new byte[] { 'b', '=', (byte) 0xC3, (byte) 0x28 }, 400),
				new BadBody("a NUL character", form, "name=A%00B&body=x".getBytes(StandardCharsets.US_ASCII), 400));
	}

	@Test
	void everyPublicPostAnswersEveryBadBodyWithAnErrorPageOfTheSite() {
		long comments = count("comments");
		long subscribers = count("subscribers");
		List<String> wrong = new ArrayList<>();
		for (String path : paths) {
			for (BadBody body : bodies()) {
				Answer answer = http.post(path, body.contentType(), body.bytes());
				if (answer.status() != body.status() || !isErrorPage(answer)) {
					wrong.add(describe(path + " " + body.name(), answer));
				}
			}
		}
		assertThat(wrong).as("answers that are not the expected error page").isEmpty();
		assertThat(count("comments")).isEqualTo(comments);
		assertThat(count("subscribers")).isEqualTo(subscribers);
	}

	@Test
	void aFormOverTheLimitSentInChunksIsRefusedWhileItArrives() {
		byte[] chunk = ("name=A&body=" + "x".repeat(16 * 1024)).getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream chunked = new ByteArrayOutputStream();
		for (int i = 0; i < 8; i++) {
			chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunked.writeBytes(chunk);
			chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		List<String> wrong = new ArrayList<>();
		for (String path : paths) {
			Answer answer = http.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
					+ "Transfer-Encoding: chunked\r\n", chunked.toByteArray(), Ending.WAIT, Duration.ofSeconds(30));
			if (answer.status() != 413 || !isErrorPage(answer)) {
				wrong.add(describe(path, answer));
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void aBodyShorterThanItsLengthThatStopsIsAnswered408AndClosedPromptly() {
		byte[] part = "name=A&body=only the start".getBytes(StandardCharsets.US_ASCII);
		List<String> wrong = new ArrayList<>();
		for (String path : paths) {
			Answer answer = http.send(http.postHead(path, "application/x-www-form-urlencoded", 1000), part, Ending.WAIT,
					READ_TIMEOUT.plusSeconds(10));
			if (answer.status() != 408 || !isErrorPage(answer) || !answer.head().toLowerCase().contains("connection: close")
					|| answer.took().compareTo(READ_TIMEOUT.plusSeconds(5)) > 0) {
				wrong.add(describe(path, answer));
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void aBodyShorterThanItsLengthWhoseSenderHangsUpEndsTheRequestPromptly() {
		long comments = count("comments");
		byte[] part = "name=A&body=only the start".getBytes(StandardCharsets.US_ASCII);
		List<String> wrong = new ArrayList<>();
		for (String path : paths) {
			Answer answer = http.send(http.postHead(path, "application/x-www-form-urlencoded", 1000), part,
					Ending.HALF_CLOSE, Duration.ofSeconds(15));
			boolean ended = answer.closedWithoutAnswer() || (answer.status() >= 400 && answer.status() < 500 && isErrorPage(answer));
			if (!ended || answer.took().compareTo(READ_TIMEOUT.plusSeconds(5)) > 0) {
				wrong.add(describe(path, answer));
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(count("comments")).isEqualTo(comments);
	}

	@Test
	void aOneClickUnsubscribeSentAsMultipartAsRfc8058RecommendsStillWorks() {
		Subscribers subscribers = new Subscribers(database);
		String email = subscribers.create(SubscriberStatus.CONFIRMED, 1).get(0);
		String boundary = "----mailer";
		byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
				+ boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		Answer answer = http.post("/unsubscribe?token=" + subscribers.unsubscribeToken(email),
				"multipart/form-data; boundary=" + boundary, body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("You are unsubscribed");
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
	}

	@Test
	void aFormInUtf8AsReadersWriteItIsTakenAsTyped() {
		String email = new Subscribers(database).newAddress("gedächtnis");
		Answer answer = http.post("/subscribe", "application/x-www-form-urlencoded",
				("email=" + java.net.URLEncoder.encode(" " + email, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
		// Not a valid address (the local part is not ASCII), but read as typed: the form comes back with it.
		assertThat(answer.status()).isIn(200, 400);
		assertThat(answer.body()).contains("gedächtnis");
	}

	static boolean isErrorPage(Answer answer) {
		return answer.body().contains("<main id=\"content\"") && answer.body().contains("site-header")
				&& !answer.body().contains("Exception") && !answer.body().contains("\tat ");
	}

	static String describe(String what, Answer answer) {
		return what + ": " + answer.status() + " after " + answer.took().toMillis() + " ms "
				+ answer.body().substring(0, Math.min(200, answer.body().length())).replace('\n', ' ');
	}

	long count(String table) {
		return database.sql("SELECT count(*) AS n FROM " + table).map((row, meta) -> row.get("n", Long.class)).one().block();
	}

	TreeSet<String> postPaths() {
		TreeSet<String> found = new TreeSet<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			var methods = info.getMethodsCondition().getMethods();
			if (methods.isEmpty() || methods.stream().anyMatch(method -> method.asHttpMethod() == HttpMethod.POST)) {
				info.getPatternsCondition().getPatterns().forEach(pattern -> found.add(pattern.getPatternString()));
			}
		}
		return found;
	}
}
