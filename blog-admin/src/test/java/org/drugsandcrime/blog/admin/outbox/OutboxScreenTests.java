package org.drugsandcrime.blog.admin.outbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class OutboxScreenTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostPublishing publishing;

	@Autowired
	DatabaseClient database;

	Subscribers subscribers;

	@BeforeEach
	void setUp() {
		subscribers = new Subscribers(database);
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	@Test
	void withoutSmtpPublishedMailWaitsInTheOutboxForStaffToSee() {
		subscribers.create(SubscriberStatus.CONFIRMED, 3);
		subscribers.create(SubscriberStatus.PENDING, 1);
		Post post = posts.draft("Waiting in the outbox").publish();
		publishing.announceDue().blockLast();

		String page = Portal.signIn(web, staff.create(Role.EDITOR)).page("/outbox");

		assertThat(page).contains("No SMTP server is configured").contains("New post: Waiting in the outbox")
			.contains("Waiting for confirmation");
		assertThat(waiting(post)).isEqualTo(3);
	}

	@Test
	void aFailedMailIsShownWithItsReasonAndCanBeResent() {
		String email = subscribers.create(SubscriberStatus.CONFIRMED, 1).get(0);
		Post post = posts.draft("One failure").publish();
		publishing.announceDue().blockLast();
		long id = database.sql("""
				UPDATE mail_outbox SET status = 'FAILED', attempts = 8, last_error = 'Refused: 550 5.1.1 no such mailbox'
				WHERE post_id = :post AND recipient = :email RETURNING id
				""")
			.bind("post", post.getId())
			.bind("email", email)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));

		assertThat(portal.page("/outbox")).contains("550 5.1.1 no such mailbox").contains(email)
			.contains("value=\"" + id + "\"");
		portal.post("/outbox/resend", "ids", Long.toString(id)).expectStatus().is3xxRedirection()
			.expectHeader().location("/outbox?done=resent&n=1");
		assertThat(status(id)).isEqualTo("PENDING");
	}

	@Test
	void authorsMayNotSeeOrResendMail() {
		Portal author = Portal.signIn(web, staff.create(Role.AUTHOR));
		author.get("/outbox").expectStatus().isForbidden();
		author.post("/outbox/resend", "all", "true").expectStatus().isForbidden();
		Portal.anonymous(web).get("/outbox").expectStatus().is3xxRedirection();
	}

	long waiting(Post post) {
		return database.sql("SELECT count(*) AS n FROM mail_outbox WHERE post_id = :post AND status = 'PENDING'")
			.bind("post", post.getId())
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.block();
	}

	String status(long id) {
		return database.sql("SELECT status FROM mail_outbox WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> row.get("status", String.class))
			.one()
			.block();
	}

}
