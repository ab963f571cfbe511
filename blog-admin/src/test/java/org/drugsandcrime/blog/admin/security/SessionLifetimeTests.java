package org.drugsandcrime.blog.admin.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a signed-in session lasts, read on the application's clock, and how it ends. */
@PortalTest
class SessionLifetimeTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	MutableClock clock;

	@Autowired
	WebSessionManager sessions;

	@AfterEach
	void backToNow() {
		clock.set(Instant.now());
	}

	@Test
	void aSessionUnusedForThirtyMinutesEnds() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		clock.advance(Duration.ofMinutes(29));
		portal.get("/posts").expectStatus().isOk();
		clock.advance(Duration.ofMinutes(29));
		portal.get("/posts").expectStatus().isOk();
		clock.advance(Duration.ofMinutes(31));
		portal.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void aSessionEndsTwelveHoursAfterItsSignInHoweverBusy() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		for (int step = 1; step <= 28; step++) {
			clock.advance(Duration.ofMinutes(25));
			portal.get("/posts").expectStatus().isOk();
		}
		clock.advance(Duration.ofMinutes(19));
		portal.get("/posts").expectStatus().isOk();
		clock.advance(Duration.ofMinutes(1));
		portal.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login?done=session-ended");
		assertThat(portal.page("/login?done=session-ended")).contains("Your session has ended");
		portal.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void signingOutEndsTheServerSessionSoACopiedCookieOpensNothing() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		String copied = portal.session();
		int stored = store().getSessions().size();
		ResponseCookie afterSignOut = portal.post("/logout").expectStatus().is3xxRedirection()
			.expectHeader().location("/login?done=signed-out")
			.returnResult(Void.class).getResponseCookies().getFirst(Portal.SESSION_COOKIE);

		assertThat(afterSignOut).as("the browser is told to forget the session, not given a renamed one").isNotNull();
		assertThat(afterSignOut.getMaxAge()).isZero();
		assertThat(store().getSessions()).as("nothing of the session is left on the server").hasSize(stored - 1);
		web.get().uri("/posts").cookie(Portal.SESSION_COOKIE, copied).exchange()
			.expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void signingInGivesTheBrowserANewSessionId() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		String before = portal.session();
		portal.submitLogin(staff.create(Role.AUTHOR).email(), StaffMembers.PASSWORD).expectStatus().is3xxRedirection();
		assertThat(portal.session()).isNotNull().isNotEqualTo(before);
	}

	private InMemoryWebSessionStore store() {
		return (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore();
	}
}
