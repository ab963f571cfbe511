package org.drugsandcrime.blog.admin.subscriber;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.subscription.Subscriber;
import org.drugsandcrime.blog.core.subscription.SubscriberRepository;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class SubscriberScreensTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	SubscriberRepository subscribers;

	@Test
	void subscribersAreSearchedExportedAsCsvAndRemoved() {
		long n = System.nanoTime();
		Subscriber kept = subscribers.save(new Subscriber(null, "probation" + n + "@example.org", SubscriberStatus.CONFIRMED,
				Instant.now(), Instant.now(), null)).block();
		Subscriber tricky = subscribers.save(new Subscriber(null, "=cmd" + n + "@example.org", SubscriberStatus.PENDING,
				Instant.now(), null, null)).block();
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));

		assertThat(portal.page("/subscribers?q=probation" + n)).contains(kept.email()).doesNotContain(tricky.email());

		portal.get("/subscribers.csv").expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/csv")
			.expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"subscribers.csv\"")
			.expectBody(String.class)
			.value(csv -> assertThat(csv).startsWith("id,email,status,subscribed_at,confirmed_at,unsubscribed_at\r\n")
				.contains(kept.id() + "," + kept.email() + ",CONFIRMED,")
				.contains(tricky.id() + ",'" + tricky.email() + ",PENDING,"));

		portal.post("/subscribers/" + kept.id() + "/remove").expectStatus().is3xxRedirection();
		assertThat(subscribers.findById(kept.id()).blockOptional()).isEmpty();
	}
}
