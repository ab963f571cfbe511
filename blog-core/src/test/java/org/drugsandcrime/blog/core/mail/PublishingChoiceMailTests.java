package org.drugsandcrime.blog.core.mail;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.testing.Inbox;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Safe publishing: staff decide whether a post mails its subscribers, and can see the mail first, alone. */
@BlogTest
class PublishingChoiceMailTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@Autowired
	OutboxSender configured;

	@Autowired
	Outbox outbox;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PostRepository postRepository;

	@Autowired
	StaffUserRepository users;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	@Autowired
	Site site;

	Posts posts;

	Subscribers subscribers;

	Inbox inbox;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
		subscribers = new Subscribers(database);
		inbox = new Inbox(smtp);
		// Whatever other classes left due is announced before this test's subscribers exist.
		publishing.announceDue().blockLast();
		subscribers.excludeOthers();
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	void deliver() {
		configured.deliveringTo("127.0.0.1", smtp.getSmtp().getPort(), OutboxSenderTests.FAST).deliverDue().block();
	}

	@Test
	void aPostPublishedWithoutEmailGoesLiveAndMailsNoOne() {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 2);
		Post post = posts.draft("Published quietly").save();

		publishing.publish(post.getId(), false).block();
		assertThat(publishing.announceDue().collectList().block()).contains(post.getId());
		deliver();

		assertThat(inbox.countsFor(confirmed)).isEmpty();
		assertThat(queuedFor(post)).isZero();
		assertThat(postRepository.findById(post.getId()).block().getAnnouncedAt()).isNotNull();
	}

	@Test
	void aScheduledPostHonoursTheChoiceStoredWhenItWasScheduled() throws Exception {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 2);
		Post quiet = posts.draft("Scheduled quietly").save();
		Post loud = posts.draft("Scheduled with mail").save();
		publishing.schedule(quiet.getId(), clock.instant().plus(Duration.ofHours(1)), false).block();
		publishing.schedule(loud.getId(), clock.instant().plus(Duration.ofHours(1)), true).block();
		assertThat(publishing.emailsSubscribers(quiet.getId()).block()).isFalse();
		// An edit of the scheduled post in the meantime (a save, a plain reschedule) keeps the choice.
		editing.save(posts.draft("Scheduled quietly, edited").toDraft(quiet.getId()), null).block();
		publishing.schedule(quiet.getId(), clock.instant().plus(Duration.ofMinutes(30))).block();

		clock.advance(Duration.ofMinutes(61));
		assertThat(publishing.announceDue().collectList().block()).contains(quiet.getId(), loud.getId());
		deliver();

		assertThat(queuedFor(quiet)).isZero();
		assertThat(queuedFor(loud)).isEqualTo(2);
		// Posts other classes scheduled within the hour this test skips go out to these subscribers too: read only
		// the mails about this test's two posts.
		for (String address : confirmed) {
			assertThat(inbox.to(address)).map(message -> Inbox.header(message, "Subject"))
				.filteredOn(subject -> subject.startsWith("Scheduled "))
				.containsExactly("Scheduled with mail");
		}
	}

	@Test
	void aTestMailGoesToTheStaffMemberAloneEvenForADraft() throws Exception {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 2);
		Post draft = posts.draft("Not out yet").excerpt("What the draft says.").save();
		String editor = subscribers.newAddress("editor");

		outbox.queueTest(draft.getId(), editor).block();
		deliver();

		assertThat(inbox.countsFor(confirmed)).isEmpty();
		List<MimeMessage> mails = inbox.to(editor);
		assertThat(mails).hasSize(1);
		MimeMessage mail = mails.get(0);
		assertThat(mail.getSubject()).isEqualTo("[Test] Not out yet");
		assertThat(Inbox.header(mail, "List-Unsubscribe")).isNull();
		assertThat(Inbox.part(mail, "text/plain")).contains("A TEST").contains("sent to you alone")
			.contains("What the draft says.").contains("/posts/" + draft.getSlug());
		assertThat(queuedFor(draft)).isZero();
	}

	@Test
	void thePostMailSaysWhenThePostWentLiveInTheSiteZone() throws Exception {
		List<String> confirmed = subscribers.create(SubscriberStatus.CONFIRMED, 1);
		Post post = posts.draft("Dated in words").save();
		Post live = publishing.publish(post.getId(), true).block();
		publishing.announceDue().blockLast();
		deliver();

		String published = site.time().block().wordsWithZone(live.getPublishedAt());
		assertThat(Inbox.part(inbox.to(confirmed.get(0)).get(0), "text/plain")).contains("Published " + published);
	}

	private long queuedFor(Post post) {
		return database.sql("SELECT count(*) AS n FROM mail_outbox WHERE kind = 'POST' AND post_id = :post")
			.bind("post", post.getId())
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.block();
	}
}
