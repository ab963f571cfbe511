package org.drugsandcrime.blog.core.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.comment.ReplyNotices;
import org.drugsandcrime.blog.core.comment.ReplyNotices.AddressConfirmation;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Inbox;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Reply notices go only to an address whose owner confirmed it once, by mail; asking cannot flood an inbox. */
@BlogTest
class ReplyNoticeConfirmationTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@Autowired
	OutboxSender configured;

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

	Post post;

	Subscribers subscribers;

	Inbox inbox;

	@BeforeEach
	void setUp() {
		post = new Posts(editing, publishing, users).draft("Who answers first").publish();
		subscribers = new Subscribers(database);
		inbox = new Inbox(smtp);
	}

	@AfterEach
	void backToThePresent() {
		clock.set(Instant.now());
		// Off the moderation queue, which other tests count.
		database.sql("UPDATE comments SET status = 'TRASH' WHERE post_id = :post").bind("post", post.getId()).fetch()
			.rowsUpdated().block();
	}

	void deliver() {
		configured.deliveringTo("127.0.0.1", smtp.getSmtp().getPort(), OutboxSenderTests.FAST).deliverDue().block();
	}

	@Test
	void anAddressNotConfirmedGetsTheConfirmationMailAndNoReplyNotice() {
		String reader = subscribers.newAddress("unconfirmed");
		long question = askedWithNotices(reader, "Is anyone there?");
		replied(question, "Someone is.");

		deliver();

		List<MimeMessage> mails = inbox.to(reader);
		assertThat(mails).hasSize(1);
		assertThat(Inbox.header(mails.get(0), "Subject")).startsWith("Confirm reply notices");
		assertThat(Inbox.part(mails.get(0), "text/plain")).contains("http://localhost:8080/replies/confirm?token=")
			.doesNotContain("Someone is.");
		assertThat(Inbox.part(mails.get(0), "text/html")).contains("/replies/confirm?token=");
	}

	@Test
	void onceConfirmedByItsButtonTheAddressHearsOfRepliesToThatAndLaterComments() {
		String reader = subscribers.newAddress("confirming");
		long question = askedWithNotices(reader, "A first question");
		deliver();
		String token = token(inbox.to(reader).get(0));

		// What a mail scanner's GET does: look, and change nothing.
		assertThat(replyNotices.confirmation(token).block()).isEqualTo(AddressConfirmation.WAITING);
		assertThat(replyNotices.confirmation(token).block()).isEqualTo(AddressConfirmation.WAITING);
		assertThat(replyNotices.confirm(token).block()).isEqualTo(AddressConfirmation.CONFIRMED);
		assertThat(replyNotices.confirm(token).block()).isEqualTo(AddressConfirmation.ALREADY_CONFIRMED);
		assertThat(replyNotices.confirm("x".repeat(43)).block()).isEqualTo(AddressConfirmation.UNKNOWN);

		long answer = replied(question, "An answer to the first.");
		long later = askedWithNotices(reader.toUpperCase(), "A second question, the address typed in capitals");
		long second = replied(later, "An answer to the second.");
		deliver();

		List<MimeMessage> mails = inbox.to(reader);
		assertThat(mails).hasSize(3);
		assertThat(mails.subList(1, 3)).extracting(mail -> Inbox.part(mail, "text/plain"))
			.anySatisfy(text -> assertThat(text).contains("An answer to the first.").contains("#comment-" + answer))
			.anySatisfy(text -> assertThat(text).contains("An answer to the second.").contains("#comment-" + second));
		// Stopping still works from the notice's link.
		String stop = Inbox.header(mails.get(1), "List-Unsubscribe");
		assertThat(replyNotices.stop(stop.substring(stop.indexOf("token=") + 6, stop.length() - 1)).block()).isTrue();
	}

	@Test
	void confirmationMailsToOneAddressComeAtLongerAndLongerIntervals() {
		String victim = subscribers.newAddress("flooded");
		// All in the past, so no row here is dated after the present other tests live in.
		clock.set(Instant.now().minus(Duration.ofDays(2)));
		for (int i = 0; i < 20; i++) {
			askedWithNotices(victim, "Ask again " + i);
		}
		assertThat(confirmationsTo(victim)).isEqualTo(1);
		clock.advance(Duration.ofMinutes(61));
		askedWithNotices(victim, "An hour later");
		askedWithNotices(victim, "And again");
		assertThat(confirmationsTo(victim)).isEqualTo(2);
		clock.advance(Duration.ofMinutes(61));
		askedWithNotices(victim, "Another hour later: the wait is two hours now");
		assertThat(confirmationsTo(victim)).isEqualTo(2);
		clock.advance(Duration.ofMinutes(60));
		askedWithNotices(victim, "Two hours after the second");
		assertThat(confirmationsTo(victim)).isEqualTo(3);
		clock.advance(Duration.ofMinutes(181));
		askedWithNotices(victim, "Three hours later: the wait is four");
		assertThat(confirmationsTo(victim)).isEqualTo(3);
		clock.set(Instant.now());

		deliver();
		// Each new link replaced the one before: only the newest is mailed.
		assertThat(inbox.to(victim)).hasSize(1);
	}

	private long askedWithNotices(String email, String body) {
		return comments.submit(post.getId(), null, "Reader", email, null, body, true, "192.0.2.77").block().id();
	}

	private long replied(long question, String body) {
		comments.moderate(question, CommentStatus.APPROVED).block();
		long answer = comments.submit(post.getId(), question, "Author", subscribers.newAddress("author"), null, body, false,
				"192.0.2.78").block().id();
		comments.moderate(answer, CommentStatus.APPROVED).block();
		return answer;
	}

	private long confirmationsTo(String email) {
		return database.sql("SELECT count(*) AS n FROM mail_outbox WHERE kind = 'REPLY_CONFIRMATION' AND recipient = :email")
			.bind("email", email)
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private static String token(MimeMessage mail) {
		String text = Inbox.part(mail, "text/plain");
		int at = text.indexOf("/replies/confirm?token=") + "/replies/confirm?token=".length();
		int end = at;
		while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-'
				|| text.charAt(end) == '_')) {
			end++;
		}
		return text.substring(at, end);
	}
}
