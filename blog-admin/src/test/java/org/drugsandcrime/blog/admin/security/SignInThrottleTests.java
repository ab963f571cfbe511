package org.drugsandcrime.blog.admin.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.drugsandcrime.blog.admin.testing.CountingPasswordEncoder;
import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class SignInThrottleTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	MutableClock clock;

	@Autowired
	CountingPasswordEncoder passwords;

	@Autowired
	DatabaseClient database;

	@LocalServerPort
	int port;

	@Test
	void aBurstOfConcurrentGuessesGetsNoMoreTriesThanTheSameGuessesOneAfterAnother() throws Exception {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.anonymous(web);
		int hashesBefore = passwords.checks();
		List<Callable<String>> guesses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String guess = "guess " + i;
			guesses.add(() -> portal.submitLogin(author.email(), guess).returnResult(Void.class).getResponseHeaders()
				.getLocation().toString());
		}
		ExecutorService threads = Executors.newFixedThreadPool(guesses.size());
		List<String> answers = new ArrayList<>();
		try {
			for (Future<String> answer : threads.invokeAll(guesses)) {
				answers.add(answer.get());
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(answers).filteredOn("/login?done=failed"::equals).hasSize(5);
		assertThat(answers).filteredOn("/login?done=throttled"::equals).hasSize(7);
		assertThat(passwords.checks() - hashesBefore).isEqualTo(5);
	}

	@Test
	void guessesFromElsewhereNeverKeepTheOwnerOutAtTheirOwnAddress() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal outsider = Portal.anonymous(web);
		for (int attempt = 1; attempt <= 8; attempt++) {
			outsider.submitLogin(editor.email(), "guess " + attempt);
		}
		outsider.submitLogin(editor.email(), StaffMembers.PASSWORD).expectHeader().location("/login?done=throttled");

		Portal owner = Portal.signIn(from("127.0.0.2"), editor);
		assertThat(owner.page("/")).contains("Dashboard");
	}

	@Test
	void manyAccountsTriedFromOneAddressWaitButAnAccountThatSignedInThereBeforeDoesNot() {
		LoginThrottle throttle = new LoginThrottle(database, clock,
				new LoginThrottleProperties(5, 10, null, null, null, null, null));
		String office = "192.0.2." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID();
		LoginThrottle.Reservation colleague = throttle.reserve("colleague@example.org", office).block();
		assertThat(colleague.isAllowed()).isTrue();
		throttle.succeeded(colleague).block();

		for (int account = 1; account <= 10; account++) {
			assertThat(throttle.reserve("made-up-" + account + "@example.org", office).block().isAllowed()).isTrue();
		}
		LoginThrottle.Reservation stuffing = throttle.reserve("made-up-11@example.org", office).block();
		assertThat(stuffing.isAllowed()).isFalse();
		assertThat(stuffing.delay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(throttle.reserve("newcomer@example.org", office).block().isAllowed()).isFalse();
		assertThat(throttle.reserve("colleague@example.org", office).block().isAllowed()).isTrue();

		clock.advance(Duration.ofSeconds(1));
		assertThat(throttle.reserve("newcomer@example.org", office).block().isAllowed()).isTrue();
		assertThat(throttle.reserve("made-up-12@example.org", office).block().delay()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void countsNobodyAddedToForADayAreDeleted() {
		LoginThrottle throttle = new LoginThrottle(database, clock,
				new LoginThrottleProperties(5, 10, null, null, null, null, null));
		String client = "198.51.100.7-" + UUID.randomUUID();
		for (int attempt = 0; attempt < 6; attempt++) {
			throttle.reserve("someone@example.org", client).block();
		}
		assertThat(throttle.reserve("someone@example.org", client).block().isAllowed()).isFalse();
		clock.advance(Duration.ofHours(25));
		assertThat(throttle.forgetOld().block()).isGreaterThanOrEqualTo(2);
		assertThat(database.sql("SELECT count(*) AS n FROM sign_in_throttle WHERE last_at < :stale AND trusted_until IS NULL")
			.bind("stale", clock.instant().minus(Duration.ofHours(24)))
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).isZero();
		assertThat(throttle.reserve("someone@example.org", client).block().isAllowed()).isTrue();
	}

	/** So an office's occasional typos, never a day apart, do not add up over the weeks into waits for everyone there. */
	@Test
	void aRunOfFailuresIsForgottenADayAfterItBeganEvenIfItWentOn() {
		LoginThrottle throttle = new LoginThrottle(database, clock,
				new LoginThrottleProperties(5, 10, null, null, null, null, null));
		String client = "203.0.113.9-" + UUID.randomUUID();
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(throttle.reserve("typist@example.org", client).block().isAllowed()).isTrue();
		}
		clock.advance(Duration.ofHours(23));
		assertThat(throttle.reserve("typist@example.org", client).block().isAllowed()).isTrue();
		assertThat(throttle.reserve("typist@example.org", client).block().delay()).isEqualTo(Duration.ofSeconds(2));

		clock.advance(Duration.ofHours(1).plusSeconds(1));
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(throttle.reserve("typist@example.org", client).block().isAllowed()).isTrue();
		}
		assertThat(throttle.reserve("typist@example.org", client).block().delay()).isEqualTo(Duration.ofSeconds(1));
	}

	/** A browser on another machine: the same portal, reached from another loopback address. */
	private WebTestClient from(String address) {
		return WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0))))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(60))
			.build();
	}
}
