package org.drugsandcrime.blog.core.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.comment.ReplyNotices;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.subscription.Subscriptions;
import org.drugsandcrime.blog.core.testing.Inbox;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class OutboxSenderTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	/** Small batches and short waits, so a test sees several batches and retries without sleeping long. */
	static final MailProperties.Sender FAST = new MailProperties.Sender(true, 10, 2, Duration.ofMillis(50),
			Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofMinutes(5));

	@Autowired
	OutboxSender configured;

	@Autowired
	Outbox outbox;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PostComments comments;

	@Autowired
	ReplyNotices replyNotices;

	@Autowired
	StaffUserRepository users;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	Posts posts;

	Subscribers subscribers;

	Inbox inbox;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
		subscribers = new Subscribers(database);
		inbox = new Inbox(smtp);
		// Posts that other test classes published are announced now, before this test's subscribers exist (or this
		// test's announcement would carry them to its subscribers too), and go to no one.
		publishing.announceDue().blockLast();
		subscribers.excludeOthers();
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	OutboxSender sender() {
		return sender(smtp.getSmtp().getPort());
	}

	OutboxSender sender(int port) {
		return configured.deliveringTo("127.0.0.1", port, FAST);
	}

	Post publishAndAnnounce(String title) {
		Post post = posts.draft(title).excerpt("What the probation reforms mean for payment by results.").publish();
		assertThat(publishing.announceDue().collectList().block()).contains(post.getId());
		return post;
	}

	@Test
	void aPublishSendsOneMailToEachConfirmedSubscriberAndNoneToOthers() throws Exception {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 3);
		List<String> pending = subscribers.create(SubscriberStatus.PENDING, 2);
		List<String> unsubscribed = subscribers.create(SubscriberStatus.UNSUBSCRIBED, 2);
		Post post = publishAndAnnounce("Probation reform and the mail");

		sender().deliverDue().block();

		assertThat(inbox.countsFor(confirmed)).containsOnlyKeys(confirmed).allSatisfy((address, count) -> assertThat(count).isOne());
		assertThat(inbox.countsFor(pending)).isEmpty();
		assertThat(inbox.countsFor(unsubscribed)).isEmpty();
		MimeMessage mail = inbox.to(confirmed.get(0)).get(0);
		assertThat(mail.getSubject()).isEqualTo("Probation reform and the mail");
		assertThat(Inbox.header(mail, "List-Unsubscribe"))
			.isEqualTo("<http://localhost:8080/unsubscribe?token=" + subscribers.unsubscribeToken(confirmed.get(0)) + ">");
		assertThat(Inbox.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(Inbox.part(mail, "text/plain")).contains("Probation reform and the mail")
			.contains("What the probation reforms mean for payment by results.")
			.contains("http://localhost:8080/posts/" + post.getSlug())
			.contains("Keep up-to-date with drugs and crime");
		assertThat(Inbox.part(mail, "text/html")).contains("href=\"http://localhost:8080/posts/" + post.getSlug() + "\"")
			.contains("What the probation reforms mean for payment by results.");
		assertThat(statuses(post)).containsOnlyKeys("SENT");
	}

	@Test
	void aPostIsQueuedForEachSubscriberOnlyOnce() {
		subscribers.create(SubscriberStatus.CONFIRMED, 2);
		Post post = publishAndAnnounce("Queued only once");
		long queued = count(post);
		assertThat(outbox.queueAnnouncement(post.getId()).block()).isZero();
		assertThat(publishing.announceDue().collectList().block()).doesNotContain(post.getId());
		assertThat(count(post)).isEqualTo(queued);
	}

	@Test
	void aSubscriberWhoLeavesBeforeTheMailGoesGetsNothing() {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 2);
		Post post = publishAndAnnounce("Left before the mail went");
		database.sql("UPDATE subscribers SET status = 'UNSUBSCRIBED' WHERE email = :email")
			.bind("email", confirmed.get(1))
			.fetch()
			.rowsUpdated()
			.block();

		sender().deliverDue().block();

		assertThat(inbox.countsFor(confirmed)).containsOnlyKeys(confirmed.get(0));
		assertThat(statuses(post)).containsEntry("SKIPPED", 1L);
	}

	@Test
	void stoppingTheSenderMidwayAndStartingAnotherDeliversTheRestExactlyOnce() throws Exception {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 400);
		Post post = publishAndAnnounce("Stopped halfway");

		OutboxSender first = sender();
		first.start();
		smtp.waitForIncomingEmail(10_000, 30);
		first.stop();

		Map<String, Long> beforeRestart = inbox.countsFor(confirmed);
		assertThat(beforeRestart.size()).isBetween(30, 399);
		Map<String, Long> recorded = statuses(post);
		// Nothing in flight is left behind, and only what the server accepted counts as sent.
		assertThat(recorded).doesNotContainKey("SENDING");
		assertThat(recorded.get("SENT")).isEqualTo(beforeRestart.size());

		sender().deliverDue().block();

		Map<String, Long> after = inbox.countsFor(confirmed);
		assertThat(after).hasSize(400).allSatisfy((address, count) -> assertThat(count).isOne());
		assertThat(statuses(post)).containsOnly(Map.entry("SENT", 400L));
	}

	@Test
	void twoSendersAtOnceSendEachMailOnce() {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 120);
		Post post = publishAndAnnounce("Two senders, one mail each");

		Mono.when(sender().deliverDue().subscribeOn(Schedulers.parallel()),
				sender().deliverDue().subscribeOn(Schedulers.parallel()))
			.block();

		assertThat(inbox.countsFor(confirmed)).hasSize(120).allSatisfy((address, count) -> assertThat(count).isOne());
		assertThat(statuses(post)).containsOnly(Map.entry("SENT", 120L));
		assertThat(database.sql("SELECT count(DISTINCT batch_id) AS n FROM mail_outbox WHERE post_id = :post")
			.bind("post", post.getId())
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.block()).isGreaterThanOrEqualTo(12);
	}

	@Test
	void withTheServerDownNothingIsLostAndTheMailGoesOutWhenItIsBack() {
		int fixedPort = freePort();
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 3);
		Post post = publishAndAnnounce("Sent once the server is back");

		OutboxSender.Delivery attempt = sender(fixedPort).deliverDue().block();

		assertThat(attempt.unreachable()).isTrue();
		assertThat(statuses(post)).containsOnly(Map.entry("PENDING", 3L));
		assertThat(lastErrors(post)).allSatisfy(error -> assertThat(error).contains("Could not reach the SMTP server"));

		GreenMail back = new GreenMail(new ServerSetup(fixedPort, "127.0.0.1", "smtp"));
		back.start();
		try {
			clock.advance(Duration.ofMinutes(1));
			sender(fixedPort).deliverDue().block();
			assertThat(new Inbox(back).countsFor(confirmed)).hasSize(3).allSatisfy((address, count) -> assertThat(count).isOne());
			assertThat(statuses(post)).containsOnly(Map.entry("SENT", 3L));
		}
		finally {
			back.stop();
		}
	}

	@Test
	void aMailThatCannotBeSentIsFailedVisiblyNeverSentAndCanBeResent() {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 1);
		// Stored before addresses were checked (an import, say): the sender must not pretend it went.
		String broken = "broken address " + subscribers.newAddress("x");
		database.sql("INSERT INTO subscribers (email, status, created_at) VALUES (:email, 'CONFIRMED', now())")
			.bind("email", broken)
			.fetch()
			.rowsUpdated()
			.block();
		Post post = publishAndAnnounce("One of these cannot be sent");

		sender().deliverDue().block();

		assertThat(inbox.countsFor(confirmed)).hasSize(1);
		assertThat(statuses(post)).containsEntry("SENT", 1L).containsEntry("FAILED", 1L);
		long failedId = database.sql("SELECT id FROM mail_outbox WHERE post_id = :post AND status = 'FAILED'")
			.bind("post", post.getId())
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
		assertThat(lastErrors(post)).anySatisfy(error -> assertThat(error).startsWith("Could not write the mail"));

		assertThat(outbox.resend(List.of(failedId)).block()).isOne();
		assertThat(statuses(post)).containsEntry("PENDING", 1L);
		database.sql("UPDATE subscribers SET status = 'UNSUBSCRIBED' WHERE email = :email").bind("email", broken).fetch()
			.rowsUpdated().block();
	}

	@Test
	void aReaderWhoAskedHearsOfAnApprovedReplyOnce() {
		Post post = publishAndAnnounce("Replies are mailed");
		String reader = subscribers.newAddress("commenter");
		// Confirmed before (ReplyNoticeConfirmationTests shows how): this test is about the notices themselves.
		database.sql("INSERT INTO reply_notice_addresses (email, confirmed_at, created_at) VALUES (lower(:email), :now, :now)")
			.bind("email", reader).bind("now", clock.instant()).fetch().rowsUpdated().block();
		long parent = comments.submit(post.getId(), null, "Reader", reader, null, "A question about deadweight.", true, "192.0.2.1")
			.flatMap(comment -> comments.moderate(comment.id(), CommentStatus.APPROVED))
			.block()
			.id();
		long reply = comments.submit(post.getId(), parent, "Author", subscribers.newAddress("author"), null,
				"Deadweight is what would have happened anyway.", false, "192.0.2.2").block().id();
		long ownFollowUp = comments.submit(post.getId(), parent, "Reader", reader, null, "Thanks!", false, "192.0.2.1")
			.block()
			.id();
		comments.moderate(reply, CommentStatus.APPROVED).block();
		comments.moderate(ownFollowUp, CommentStatus.APPROVED).block();
		comments.moderate(reply, CommentStatus.PENDING).then(comments.moderate(reply, CommentStatus.APPROVED)).block();

		sender().deliverDue().block();

		List<MimeMessage> mails = inbox.to(reader);
		assertThat(mails).hasSize(1);
		assertThat(Inbox.part(mails.get(0), "text/plain")).contains("Deadweight is what would have happened anyway.")
			.contains("/posts/" + post.getSlug() + "#comment-" + reply);

		// The notice's one-click link stops further notices for that comment.
		String stop = Inbox.header(mails.get(0), "List-Unsubscribe");
		assertThat(stop).startsWith("<http://localhost:8080/replies/stop?token=");
		assertThat(Inbox.header(mails.get(0), "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(replyNotices.stop(stop.substring(stop.indexOf("token=") + 6, stop.length() - 1)).block()).isTrue();
		long later = comments.submit(post.getId(), parent, "Author", subscribers.newAddress("author"), null, "One more thing.",
				false, "192.0.2.2").block().id();
		comments.moderate(later, CommentStatus.APPROVED).block();
		sender().deliverDue().block();
		assertThat(inbox.to(reader)).hasSize(1);
	}

	@Test
	void onlyTheNewestConfirmationLinkIsMailed() {
		String email = subscribers.newAddress("asked.twice");
		subscriptions.subscribe(email, "192.0.2.50").block();
		clock.advance(Duration.ofMinutes(11));
		subscriptions.subscribe(email, "192.0.2.50").block();
		String newest = subscribers.confirmationToken(email);

		sender().deliverDue().block();

		List<MimeMessage> mails = inbox.to(email);
		assertThat(mails).hasSize(1);
		assertThat(Inbox.part(mails.get(0), "text/plain")).contains("/subscribe/confirm?token=" + newest);
	}

	Map<String, Long> statuses(Post post) {
		return database.sql("SELECT status, count(*) AS n FROM mail_outbox WHERE post_id = :post AND kind = 'POST' GROUP BY status")
			.bind("post", post.getId())
			.map((row, meta) -> Map.entry(row.get("status", String.class), row.get("n", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block();
	}

	List<String> lastErrors(Post post) {
		return database.sql("SELECT last_error FROM mail_outbox WHERE post_id = :post AND last_error IS NOT NULL")
			.bind("post", post.getId())
			.map((row, meta) -> row.get("last_error", String.class))
			.all()
			.collectList()
			.block();
	}

	static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long count(Post post) {
		return statuses(post).values().stream().mapToLong(Long::longValue).sum();
	}
}
