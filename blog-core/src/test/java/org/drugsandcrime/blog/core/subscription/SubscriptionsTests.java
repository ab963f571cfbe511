package org.drugsandcrime.blog.core.subscription;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.subscription.Subscriptions.Confirmation;
import org.drugsandcrime.blog.core.subscription.Subscriptions.Subscribed;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BlogTest
class SubscriptionsTests {

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	@Autowired
	SubscriptionProperties limits;

	Subscribers subscribers;

	@BeforeEach
	void setUp() {
		subscribers = new Subscribers(database);
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	String client() {
		return "198.51.100." + (int) (Math.random() * 250);
	}

	@Test
	void badAddressesGetAClearMessageAndStoreNothing() {
		String injected = subscribers.newAddress("victim") + "\nBcc: everyone@example.org";
		String tooLong = "a".repeat(290) + subscribers.newAddress("long");
		for (String bad : List.of("a@", injected, tooLong, "no-at-sign.example.org", "two@@example.org", "space in@example.org")) {
			assertThatThrownBy(() -> subscriptions.subscribe(bad, client()).block())
				.as(bad)
				.isInstanceOf(InvalidEmailAddressException.class)
				.hasMessageNotContaining("Exception");
			assertThat(subscribers.exists(bad)).isFalse();
		}
		assertThat(subscribers.exists(injected.substring(0, injected.indexOf('\n')))).isFalse();
		assertThatThrownBy(() -> subscriptions.subscribe(injected, client()).block()).hasMessageContaining("line breaks");
		assertThatThrownBy(() -> subscriptions.subscribe(tooLong, client()).block()).hasMessageContaining("too long");
	}

	@Test
	void subscribingStoresAPendingSubscriberAndQueuesOneConfirmation() {
		String email = subscribers.newAddress("new.reader");
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.CONFIRMATION_SENT);
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.PENDING);
		assertThat(subscribers.confirmationToken(email)).isNotBlank();

		assertThat(subscriptions.subscribe(email.toUpperCase(), client()).block()).isEqualTo(Subscribed.SENT_RECENTLY);
		assertThat(queuedConfirmations(email)).isOne();
	}

	@Test
	void theConfirmationLinkConfirmsOnlyWhenPostedAndOnlyOnce() {
		String email = subscribers.newAddress("confirming");
		subscriptions.subscribe(email, client()).block();
		String token = subscribers.confirmationToken(email);

		assertThat(subscriptions.confirmation(token).block()).isEqualTo(Confirmation.WAITING);
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.PENDING);

		assertThat(subscriptions.confirm(token).block()).isEqualTo(Confirmation.CONFIRMED);
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.CONFIRMED);
		assertThat(subscriptions.confirm(token).block()).isEqualTo(Confirmation.ALREADY_CONFIRMED);
		assertThat(subscriptions.confirmation(token).block()).isEqualTo(Confirmation.ALREADY_CONFIRMED);

		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.ALREADY_SUBSCRIBED);
		assertThat(queuedConfirmations(email)).isOne();
	}

	@Test
	void anExpiredOrUnknownLinkConfirmsNothing() {
		String email = subscribers.newAddress("too.late");
		subscriptions.subscribe(email, client()).block();
		String token = subscribers.confirmationToken(email);
		clock.advance(Duration.ofHours(49));

		assertThat(subscriptions.confirmation(token).block()).isEqualTo(Confirmation.EXPIRED);
		assertThat(subscriptions.confirm(token).block()).isEqualTo(Confirmation.EXPIRED);
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.PENDING);
		assertThat(subscriptions.confirm("x".repeat(43)).block()).isEqualTo(Confirmation.UNKNOWN);
		assertThat(subscriptions.confirm("'; DROP TABLE subscribers; --").block()).isEqualTo(Confirmation.UNKNOWN);
		assertThat(subscriptions.confirm(null).block()).isEqualTo(Confirmation.UNKNOWN);

		// Asking again after it expired sends a new link, which works.
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.CONFIRMATION_SENT);
		String fresh = subscribers.confirmationToken(email);
		assertThat(subscriptions.confirm(token).block()).isEqualTo(Confirmation.UNKNOWN);
		assertThat(subscriptions.confirm(fresh).block()).isEqualTo(Confirmation.CONFIRMED);
	}

	@Test
	void oneAddressGetsConfirmationMailsEverLessOften() {
		String email = subscribers.newAddress("bombed");
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.CONFIRMATION_SENT);
		clock.advance(Duration.ofMinutes(9));
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.SENT_RECENTLY);
		clock.advance(Duration.ofMinutes(2));
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.CONFIRMATION_SENT);
		clock.advance(Duration.ofMinutes(11));
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.SENT_RECENTLY);
		clock.advance(Duration.ofMinutes(10));
		assertThat(subscriptions.subscribe(email, client()).block()).isEqualTo(Subscribed.CONFIRMATION_SENT);
		assertThat(queuedConfirmations(email)).isEqualTo(3);
	}

	@Test
	void aNetworkMayAskForAnOfficeWorthOfUnconfirmedSubscriptionsADayAndIsToldWhenItMayAskAgain() {
		assertThat(limits.pendingPerClient()).as("an office behind one address").isGreaterThanOrEqualTo(100);
		String client = "203.0.113." + (int) (Math.random() * 250);
		database.sql("UPDATE subscribers SET client_address = NULL WHERE client_address = :client").bind("client", client)
			.fetch().rowsUpdated().block();
		List<String> colleagues = new java.util.ArrayList<>();
		for (int i = 0; i < limits.pendingPerClient(); i++) {
			String colleague = subscribers.newAddress("colleague");
			colleagues.add(colleague);
			assertThat(subscriptions.subscribe(colleague, client).block()).isEqualTo(Subscribed.CONFIRMATION_SENT);
		}
		String oneMore = subscribers.newAddress("stranger");
		assertThat(subscriptions.subscribe(oneMore, client).block()).isEqualTo(Subscribed.TOO_MANY_FROM_CLIENT);
		assertThat(subscribers.exists(oneMore)).isFalse();
		assertThat(subscriptions.pendingLimitLiftsIn(client).block()).isBetween(Duration.ofHours(23), Duration.ofDays(1));
		assertThat(subscriptions.subscribe(oneMore, "203.0.113.251").block()).isEqualTo(Subscribed.CONFIRMATION_SENT);

		// Those confirmed stop counting.
		assertThat(subscriptions.confirm(subscribers.confirmationToken(colleagues.get(0))).block()).isEqualTo(Confirmation.CONFIRMED);
		assertThat(subscriptions.subscribe(subscribers.newAddress("latecolleague"), client).block())
			.isEqualTo(Subscribed.CONFIRMATION_SENT);
		assertThat(subscriptions.subscribe(subscribers.newAddress("stranger"), client).block())
			.isEqualTo(Subscribed.TOO_MANY_FROM_CLIENT);
		clock.advance(Duration.ofDays(1).plusMinutes(1));
		try {
			assertThat(subscriptions.subscribe(subscribers.newAddress("stranger"), client).block())
				.isEqualTo(Subscribed.CONFIRMATION_SENT);
		}
		finally {
			clock.set(java.time.Instant.now());
		}
	}

	@Test
	void unsubscribingIsIdempotentAndAnUnknownLinkRevealsNothing() {
		String email = subscribers.create(SubscriberStatus.CONFIRMED, 1).get(0);
		String token = subscribers.unsubscribeToken(email);
		assertThat(subscriptions.knowsUnsubscribeLink(token).block()).isTrue();
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.CONFIRMED);

		assertThat(subscriptions.unsubscribe(token).block()).isTrue();
		assertThat(subscriptions.unsubscribe(token).block()).isTrue();
		assertThat(subscribers.status(email)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

		assertThat(subscriptions.unsubscribe("0".repeat(64)).block()).isFalse();
		assertThat(subscriptions.unsubscribe("not a token").block()).isFalse();
		assertThat(subscriptions.knowsUnsubscribeLink("0".repeat(64)).block()).isFalse();
	}

	long queuedConfirmations(String email) {
		return database.sql("SELECT count(*) AS n FROM mail_outbox WHERE kind = 'CONFIRMATION' AND lower(recipient) = lower(:email)")
			.bind("email", email)
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.block();
	}
}
