package org.drugsandcrime.blog.core.mail;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Inbox;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reader's comment that waits for moderation tells the editors who asked, through the outbox: one mail each, with
 * the link to the portal's queue, and not one a comment when they arrive in a burst.
 */
@BlogTest
class CommentsWaitingMailTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@Autowired
	OutboxSender configured;

	@Autowired
	PostComments comments;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffUserRepository users;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	Post post;

	StaffUser editor;

	StaffUser admin;

	StaffUser quietEditor;

	StaffUser disabledEditor;

	@BeforeEach
	void setUp() {
		post = new Posts(editing, publishing, users).draft("Comments wait " + System.nanoTime()).publish();
		editor = staff(Role.EDITOR, true);
		admin = staff(Role.ADMIN, true);
		quietEditor = staff(Role.EDITOR, false);
		disabledEditor = staff(Role.EDITOR, true);
		users.save(disabledEditor.withEnabled(false)).block();
	}

	@AfterEach
	void tearDown() {
		// The database is shared with other classes: editors left asking would get their comments' mail too.
		database.sql("UPDATE users SET notify_pending_comments = false WHERE id = ANY(:ids)")
			.bind("ids", ids())
			.fetch()
			.rowsUpdated()
			.block();
	}

	@Test
	void aPendingCommentQueuesOneMailForEachEditorOrAdminWhoAskedAndNoOneElse() throws Exception {
		submit("A first comment.");

		assertThat(queued()).containsOnlyKeys(editor.email(), admin.email())
			.allSatisfy((address, count) -> assertThat(count).isOne());

		sender().deliverDue().block();

		MimeMessage mail = new Inbox(smtp).to(editor.email()).get(0);
		assertThat(mail.getSubject()).matches("(A comment waits|\\d+ comments wait) for moderation on .+");
		assertThat(Inbox.part(mail, "text/plain")).contains("http://localhost:8081/comments?status=pending")
			.contains("for moderation on");
		assertThat(Inbox.part(mail, "text/html")).contains("href=\"http://localhost:8081/comments?status=pending\"");
		assertThat(new Inbox(smtp).to(quietEditor.email())).isEmpty();
		assertThat(new Inbox(smtp).to(disabledEditor.email())).isEmpty();
	}

	@Test
	void aBurstOfCommentsIsOneMailAndTheNextComesOnlyOnceTheEditorCouldHaveActedOrADayHasPassed() {
		for (int i = 0; i < 20; i++) {
			submit("Spam number " + i);
		}
		assertThat(queued()).containsOnlyKeys(editor.email(), admin.email())
			.allSatisfy((address, count) -> assertThat(count).isOne());

		sender().deliverDue().block();
		assertThat(new Inbox(smtp).to(editor.email())).hasSize(1);

		// Sent; the comments it told of still wait: another would say nothing new.
		submit("One more after the mail went.");
		assertThat(queued()).isEmpty();

		clock.advance(Outbox.MODERATION_REMINDER.plus(Duration.ofMinutes(1)));
		submit("Still nobody has looked, a day later.");
		assertThat(queued()).containsOnlyKeys(editor.email(), admin.email());
	}

	@Test
	void anEditorWhoStopsAskingBeforeTheMailGoesGetsNothing() {
		submit("Waiting for an editor who changed their mind.");
		accounts.mailWhenCommentsWait(editor.id(), false).block();

		sender().deliverDue().block();

		assertThat(new Inbox(smtp).to(editor.email())).isEmpty();
		assertThat(new Inbox(smtp).to(admin.email())).hasSize(1);
		assertThat(statusOfMailTo(editor)).isEqualTo("SKIPPED");
	}

	@Test
	void onlyEditorsAndAdminsMayAskAndTheChoiceIsKept() {
		StaffUser author = accounts.create("author" + System.nanoTime() + "@example.org", "An author", Role.AUTHOR, "an author passphrase")
			.block()
			.user();
		assertThatThrownBy(() -> accounts.mailWhenCommentsWait(author.id(), true).block())
			.isInstanceOf(InvalidPostException.class);
		assertThat(accounts.mailsWhenCommentsWait(author.id()).block()).isFalse();
		accounts.mailWhenCommentsWait(author.id(), false).block();

		assertThat(accounts.mailsWhenCommentsWait(editor.id()).block()).isTrue();
		assertThat(accounts.mailsWhenCommentsWait(quietEditor.id()).block()).isFalse();
	}

	OutboxSender sender() {
		return configured.deliveringTo("127.0.0.1", smtp.getSmtp().getPort(), OutboxSenderTests.FAST);
	}

	StaffUser staff(Role role, boolean asks) {
		StaffUser user = accounts.create(role.name().toLowerCase() + System.nanoTime() + "@example.org", "Staff " + role,
				role, "a staff passphrase").block().user();
		if (asks) {
			accounts.mailWhenCommentsWait(user.id(), true).block();
		}
		return user;
	}

	void submit(String body) {
		comments.submit(post.getId(), null, "A reader", "reader@example.org", null, body, false, "198.51.100.4").block();
	}

	/** Unsent "comments waiting" mails to this test's staff, by recipient. */
	Map<String, Long> queued() {
		return database.sql("""
				SELECT recipient, count(*) AS n FROM mail_outbox
				WHERE kind = 'MODERATION' AND status = 'PENDING' AND user_id = ANY(:ids) GROUP BY recipient
				""")
			.bind("ids", ids())
			.map((row, meta) -> Map.entry(row.get("recipient", String.class), row.get("n", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block();
	}

	Long[] ids() {
		return List.of(editor.id(), admin.id(), quietEditor.id(), disabledEditor.id()).toArray(Long[]::new);
	}

	String statusOfMailTo(StaffUser user) {
		return database.sql("SELECT status FROM mail_outbox WHERE kind = 'MODERATION' AND user_id = :id")
			.bind("id", user.id())
			.map((row, meta) -> row.get("status", String.class))
			.one()
			.block();
	}
}
