package org.drugsandcrime.blog.web.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.mail.MailProperties;
import org.drugsandcrime.blog.core.mail.OutboxSender;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.subscription.SubscriptionProperties;
import org.drugsandcrime.blog.core.testing.Inbox;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SubscriptionPagesTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private static final Pattern CONFIRM_LINK = Pattern.compile("http://localhost:8080(/subscribe/confirm\\?token=[A-Za-z0-9_-]+)");

	@Autowired
	WebTestClient web;

	@Autowired
	OutboxSender configured;

	@Autowired
	DatabaseClient database;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	PostComments comments;

	@Autowired
	java.time.Clock clock;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	SubscribeRequests requests;

	@Autowired
	SubscriptionProperties limits;

	Subscribers subscribers;

	Inbox inbox;

	OutboxSender sender;

	@BeforeEach
	void setUp() {
		subscribers = new Subscribers(database);
		inbox = new Inbox(smtp);
		// Comments posted by other classes in the last minute count against this client's limit too.
		org.drugsandcrime.blog.web.comment.CommentLimits.forget(context);
		sender = configured.deliveringTo("127.0.0.1", smtp.getSmtp().getPort(), new MailProperties.Sender(true, 50, 2,
				Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofMinutes(5)));
		// Every request here comes from 127.0.0.1: start each test with that client's daily allowance.
		database.sql("UPDATE subscribers SET client_address = NULL WHERE client_address = '127.0.0.1'").fetch().rowsUpdated().block();
		requests.forget();
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	@Test
	void theConfirmationMailArrivesItsLinkChangesNothingAndItsButtonConfirms() {
		String email = subscribers.newAddress("reader");
		subscribe(email).expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("Check your inbox").contains(email));
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.PENDING);

		sender.deliverDue().block();
		List<MimeMessage> mails = inbox.to(email);
		assertThat(mails).hasSize(1);
		String link = confirmLink(mails.get(0));
		String token = URI.create("http://x" + link).getQuery().substring("token=".length());

		web.get().uri(link).exchange().expectStatus().isOk()
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("<form method=\"post\" action=\"/subscribe/confirm\">")
				.contains("value=\"" + token + "\"")
				.contains("Confirm my subscription"));
		web.get().uri(link).exchange().expectStatus().isOk();
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.PENDING);

		confirm(token).expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("You are subscribed"));
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.CONFIRMED);
		confirm(token).expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("Already confirmed"));
		web.get().uri(link).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("Already confirmed").doesNotContain("<button type=\"submit\">Confirm"));
	}

	@Test
	void subscribingAgainGetsTheSamePageAndNoSecondMail() {
		String confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 1).get(0);
		String fresh = subscribers.newAddress("again");
		String first = subscribe(fresh).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		String second = subscribe(fresh).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		String already = subscribe(confirmed).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(second).isEqualTo(first);
		assertThat(already.replace(confirmed, fresh)).isEqualTo(first);
		sender.deliverDue().block();
		assertThat(inbox.to(fresh)).hasSize(1);
		assertThat(inbox.to(confirmed)).isEmpty();
	}

	@Test
	void expiredAndUnknownLinksGetTheirOwnPages() {
		String email = subscribers.newAddress("late");
		subscribe(email).expectStatus().isOk();
		String token = subscribers.confirmationToken(email);
		database.sql("UPDATE subscribers SET confirm_expires_at = now() - interval '1 hour' WHERE email = :email")
			.bind("email", email).fetch().rowsUpdated().block();

		web.get().uri("/subscribe/confirm?token=" + token).exchange().expectStatus().isEqualTo(HttpStatus.GONE)
			.expectBody(String.class).value(html -> assertThat(html).contains("This link has expired"));
		confirm(token).expectStatus().isEqualTo(HttpStatus.GONE);
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.PENDING);

		web.get().uri("/subscribe/confirm?token=" + "A".repeat(43)).exchange().expectStatus().isNotFound()
			.expectBody(String.class).value(html -> assertThat(html).contains("This link does not work"));
		web.get().uri("/subscribe/confirm?token=%3Cscript%3E").exchange().expectStatus().isNotFound();
		web.get().uri("/subscribe/confirm").exchange().expectStatus().isNotFound();
		confirm("A".repeat(43)).expectStatus().isNotFound();
	}

	@Test
	void badAddressesGetAClearMessageAndStoreNothing() {
		String injected = subscribers.newAddress("victim") + "\r\nBcc: everyone@example.org";
		String tooLong = "a".repeat(290) + subscribers.newAddress("long");
		for (String bad : List.of("a@", tooLong, injected, "")) {
			subscribe(bad).expectStatus().isBadRequest().expectBody(String.class).value(html -> assertThat(html)
				.contains("class=\"error\" role=\"alert\"")
				.containsAnyOf("Please enter your email address.", "not an email address", "too long", "line breaks")
				.doesNotContain("Exception"));
			assertThat(subscribers.exists(bad)).isFalse();
		}
		assertThat(subscribers.exists(injected.substring(0, injected.indexOf('\r')))).isFalse();
		sender.deliverDue().block();
		assertThat(inbox.to(injected.substring(0, injected.indexOf('\r')))).isEmpty();
	}

	@Test
	void aPostFromAnotherSiteIsRefusedAndStoresNothing() {
		String email = subscribers.newAddress("csrf");
		web.post().uri("/subscribe").header("Sec-Fetch-Site", "cross-site").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("email", email)).exchange().expectStatus().isForbidden();
		web.post().uri("/subscribe").header("Origin", "https://evil.example").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("email", email)).exchange().expectStatus().isForbidden();
		assertThat(subscribers.exists(email)).isFalse();
		web.post().uri("/subscribe").header("Sec-Fetch-Site", "same-origin").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("email", email)).exchange().expectStatus().isOk();
		assertThat(subscribers.exists(email)).isTrue();
	}

	@Test
	void twentyColleaguesBehindOneAddressAllSubscribe() {
		for (int i = 0; i < 20; i++) {
			String colleague = subscribers.newAddress("colleague");
			subscribe(colleague).expectStatus().isOk().expectBody(String.class)
				.value(html -> assertThat(html).contains("Check your inbox"));
			assertThat(subscribers.exists(colleague)).isTrue();
		}
	}

	@Test
	void aNetworkWithTooManyUnconfirmedSubscriptionsIsToldSoAndWhenToComeBack() {
		fillPendingAllowance();
		String oneMore = subscribers.newAddress("stranger");
		String html = subscribe(oneMore).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(23 * 3600L, 24 * 3600L))
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("Too many unconfirmed subscriptions from your network")
			.contains(limits.pendingPerClient() + " subscriptions asked for from your network today are still waiting")
			.contains("try again in 24 hours");
		assertThat(subscribers.exists(oneMore)).isFalse();
	}

	@Test
	void aNetworkThatSendsTheFormTooOftenIsToldSoAndWhenToComeBack() {
		for (int i = 0; i < limits.postsPerClient(); i++) {
			assertThat(requests.waitBefore("127.0.0.1")).isZero();
		}
		String oneMore = subscribers.newAddress("flood");
		String html = subscribe(oneMore).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds))
				.isBetween(1L, limits.postsWindow().toSeconds()))
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("Too many requests from your network")
			.contains("more than " + limits.postsPerClient() + " times in 10 minutes")
			.doesNotContain("waiting for their confirmation");
		assertThat(subscribers.exists(oneMore)).isFalse();
	}

	@Test
	void anAddressThatIsNotOneIsToldSoBeforeAnyLimit() {
		fillPendingAllowance();
		for (int i = 0; i < limits.postsPerClient(); i++) {
			requests.waitBefore("127.0.0.1");
		}
		for (String bad : List.of("reader.example.org", "two@@example.org")) {
			subscribe(bad).expectStatus().isBadRequest().expectBody(String.class).value(html -> assertThat(html)
				.contains("not an email address").contains("class=\"error\" role=\"alert\"").contains("name=\"email\""));
		}
	}

	/** Uses up this client's daily allowance of unconfirmed subscriptions, straight in the database. */
	void fillPendingAllowance() {
		database.sql("""
				INSERT INTO subscribers (email, status, created_at, client_address, confirm_sent_at)
				SELECT 'pending' || g || '.' || :run || '@example.org', 'PENDING', :now, '127.0.0.1', :now
				FROM generate_series(1, :count) AS g
				""")
			.bind("run", System.nanoTime())
			.bind("now", java.time.Instant.now())
			.bind("count", limits.pendingPerClient())
			.fetch().rowsUpdated().block();
	}

	@Test
	void aPostNotificationCarriesOneClickUnsubscribeThatWorksWithoutCookiesOrRedirects() throws Exception {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 2);
		Post post = new Posts(editing, publishing, users).draft("Unsubscribe from this").publish();
		publishing.announceDue().blockLast();
		sender.deliverDue().block();

		// Other tests' posts may be announced by the same call: pick this post's mail.
		MimeMessage mail = inbox.to(confirmed.get(0)).stream().filter(m -> subject(m).equals("Unsubscribe from this")).findFirst()
			.orElseThrow();
		assertThat(Inbox.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		String header = Inbox.header(mail, "List-Unsubscribe");
		assertThat(header).startsWith("<http://localhost:8080/unsubscribe?token=").endsWith(">");
		String path = header.substring("<http://localhost:8080".length(), header.length() - 1);
		assertThat(Inbox.part(mail, "text/plain")).contains(header.substring(1, header.length() - 1))
			.contains("/posts/" + post.getSlug());

		web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("<form method=\"post\" action=\"/unsubscribe\">"));
		assertThat(subscribers.status(confirmed.get(0))).isEqualTo(SubscriberStatus.CONFIRMED);

		for (int i = 0; i < 2; i++) {
			web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click"))
				.exchange()
				.expectStatus().isOk()
				.expectHeader().doesNotExist("Location")
				.expectHeader().doesNotExist("Set-Cookie")
				.expectBody(String.class).value(html -> assertThat(html).contains("You are unsubscribed"));
		}
		assertThat(subscribers.status(confirmed.get(0))).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(subscribers.status(confirmed.get(1))).isEqualTo(SubscriberStatus.CONFIRMED);
	}

	@Test
	void aBadUnsubscribeTokenGetsA404ThatRevealsNothing() {
		String unknown = web.post().uri("/unsubscribe?token=" + "0".repeat(64)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
			.expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
		String malformed = web.post().uri("/unsubscribe?token=not-a-token!").exchange()
			.expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
		String unsubscribed = subscribers.create(SubscriberStatus.UNSUBSCRIBED, 1).get(0);
		assertThat(malformed).isEqualTo(unknown);
		assertThat(unknown).doesNotContain("@");
		web.get().uri("/unsubscribe?token=" + "0".repeat(64)).exchange().expectStatus().isNotFound();
		web.get().uri("/unsubscribe").exchange().expectStatus().isNotFound();
		// A known token of someone already gone still answers as before: idempotent, nothing revealed by a difference.
		web.post().uri("/unsubscribe?token=" + subscribers.unsubscribeToken(unsubscribed)).exchange().expectStatus().isOk();
	}

	@Test
	void aReplyNoticeLinkStopsTheNoticesWithOneClick() {
		Post post = new Posts(editing, publishing, users).draft("Replies stop here").publish();
		String reader = subscribers.newAddress("commenter");
		long comment = comments.submit(post.getId(), null, "Reader", reader, null, "Ask me about deadweight.", true, "192.0.2.9")
			.block()
			.id();
		String token = database.sql("SELECT reply_notice_token FROM comments WHERE id = :id").bind("id", comment)
			.map((row, meta) -> row.get("reply_notice_token", String.class)).one().block();

		web.get().uri("/replies/stop?token=" + token).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("<form method=\"post\" action=\"/replies/stop\">"));
		assertThat(notifyReplies(comment)).isTrue();
		for (int i = 0; i < 2; i++) {
			web.post().uri("/replies/stop?token=" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
				.expectStatus().isOk().expectHeader().doesNotExist("Location")
				.expectBody(String.class).value(html -> assertThat(html).contains("No more reply notices"));
		}
		assertThat(notifyReplies(comment)).isFalse();
		web.post().uri("/replies/stop?token=" + "0".repeat(64)).exchange().expectStatus().isNotFound();
	}

	@Test
	void aCommenterWhoTicksNotifyHearsOfTheApprovedReply() {
		Post post = new Posts(editing, publishing, users).draft("Tell me when someone answers").publish();
		String reader = subscribers.newAddress("asker");
		// Confirmed before (aCommenterConfirmsTheAddressForReplyNoticesWithAButtonNotALink shows how).
		database.sql("INSERT INTO reply_notice_addresses (email, confirmed_at, created_at) VALUES (lower(:email), :now, :now)")
			.bind("email", reader).bind("now", clock.instant()).fetch().rowsUpdated().block();
		web.get().uri("/posts/" + post.getSlug()).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("name=\"notify\"").contains("Notify me of replies by email"));
		web.post().uri("/posts/" + post.getSlug() + "/comments").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("name", "Asking Reader").with("email", reader)
				.with("body", "Who pays for deadweight?").with("notify", "on"))
			.exchange().expectStatus().is3xxRedirection();
		long question = database.sql("SELECT id FROM comments WHERE author_email = :email").bind("email", reader)
			.map((row, meta) -> row.get("id", Long.class)).one().block();
		assertThat(notifyReplies(question)).isTrue();
		comments.moderate(question, CommentStatus.APPROVED).block();
		long answer = comments.submit(post.getId(), question, "Author", subscribers.newAddress("author"), null,
				"The commissioner does.", false, "192.0.2.10").block().id();
		comments.moderate(answer, CommentStatus.APPROVED).block();

		sender.deliverDue().block();

		List<MimeMessage> mails = inbox.to(reader);
		assertThat(mails).hasSize(1);
		assertThat(Inbox.part(mails.get(0), "text/plain")).contains("The commissioner does.")
			.contains("/posts/" + post.getSlug() + "#comment-" + answer);
	}

	@Test
	void aCommenterConfirmsTheAddressForReplyNoticesWithAButtonNotALink() {
		Post post = new Posts(editing, publishing, users).draft("Confirm before you hear").publish();
		String reader = subscribers.newAddress("confirms");
		web.post().uri("/posts/" + post.getSlug() + "/comments").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("name", "Careful Reader").with("email", reader)
				.with("body", "Tell me, but ask me first.").with("notify", "on"))
			.exchange().expectStatus().is3xxRedirection();
		sender.deliverDue().block();
		List<MimeMessage> mails = inbox.to(reader);
		assertThat(mails).hasSize(1);
		String text = Inbox.part(mails.get(0), "text/plain");
		String token = text.substring(text.indexOf("/replies/confirm?token=") + 23).split("\\s")[0];

		// A GET (a mail scanner following the link) shows the button and changes nothing.
		for (int i = 0; i < 2; i++) {
			web.get().uri("/replies/confirm?token=" + token).exchange().expectStatus().isOk()
				.expectHeader().valueEquals("Cache-Control", "no-store")
				.expectBody(String.class).value(html -> assertThat(html)
					.contains("<form method=\"post\" action=\"/replies/confirm\">").contains(token));
		}
		assertThat(confirmed(reader)).isFalse();

		web.post().uri("/replies/confirm").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token)).exchange()
			.expectStatus().isOk().expectBody(String.class).value(html -> assertThat(html).contains("Reply notices confirmed"));
		assertThat(confirmed(reader)).isTrue();
		web.get().uri("/replies/confirm?token=" + "0".repeat(43)).exchange().expectStatus().isNotFound();
		web.get().uri("/replies/confirm").exchange().expectStatus().isNotFound();
	}

	boolean confirmed(String email) {
		return database.sql("SELECT count(*) AS n FROM reply_notice_addresses WHERE email = lower(:email) AND confirmed_at IS NOT NULL")
			.bind("email", email).map((row, meta) -> row.get("n", Long.class)).one().block() > 0;
	}

	boolean notifyReplies(long comment) {
		return database.sql("SELECT notify_replies FROM comments WHERE id = :id").bind("id", comment)
			.map((row, meta) -> row.get("notify_replies", Boolean.class)).one().block();
	}

	WebTestClient.ResponseSpec subscribe(String email) {
		return web.post().uri("/subscribe").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("email", email)).exchange();
	}

	WebTestClient.ResponseSpec confirm(String token) {
		return web.post().uri("/subscribe/confirm").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("token", token)).exchange();
	}

	static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String confirmLink(MimeMessage mail) {
		Matcher matcher = CONFIRM_LINK.matcher(Inbox.part(mail, "text/plain"));
		assertThat(matcher.find()).as("a confirmation link in the mail").isTrue();
		return matcher.group(1);
	}
}
