package org.drugsandcrime.blog.admin.security;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.Rfc6238;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login path spelled in other ways. Spelled so that Spring Security still takes it for a sign-in (letters
 * percent-encoded), it gets every check a sign-in gets; spelled otherwise (a trailing slash, capitals), it is no
 * sign-in at all and signs nobody in.
 */
@PortalTest
class SignInPathSpellingTests {

	private static final String[] SIGN_IN_SPELLINGS = { "/%6Cogin", "/logi%6E" };

	private static final String[] OTHER_SPELLINGS = { "/login/", "/LOGIN" };

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	MutableClock clock;

	@AfterEach
	void backToNow() {
		clock.set(Instant.now());
	}

	@LocalServerPort
	int port;

	@Test
	void aPercentEncodedLoginPathNeedsTheCodeOfATwoFactorAccountAndCountsTowardTheThrottle() {
		StaffUser admin = staff.create(Role.ADMIN);
		accounts.setTotpSecret(admin.id(), Rfc6238.SECRET).block();
		clock.set(Rfc6238.T1111111109.time());
		for (int attempt = 0; attempt < 5; attempt++) {
			Portal portal = Portal.anonymous(web);
			portal.post(at(SIGN_IN_SPELLINGS[attempt % 2]),
					Portal.form("username", admin.email(), "password", StaffMembers.PASSWORD))
				.expectStatus().is3xxRedirection()
				.expectHeader().location("/login?done=failed");
			portal.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
		}
		// Those five were failed sign-ins of this account: now even the password with its code waits.
		Portal.anonymous(web)
			.post("/login", "username", admin.email(), "password", StaffMembers.PASSWORD, "code", Rfc6238.T1111111109.code())
			.expectHeader().location("/login?done=throttled");
	}

	@Test
	void otherSpellingsOfTheLoginPathSignNobodyIn() {
		StaffUser admin = staff.create(Role.ADMIN);
		accounts.setTotpSecret(admin.id(), Rfc6238.SECRET).block();
		StaffUser editor = staff.create(Role.EDITOR);
		for (String path : OTHER_SPELLINGS) {
			for (StaffUser user : new StaffUser[] { admin, editor }) {
				Portal portal = Portal.anonymous(web);
				int status = portal.post(at(path), Portal.form("username", user.email(), "password", StaffMembers.PASSWORD))
					.returnResult(Void.class)
					.getStatus()
					.value();
				assertThat(status).as(path).isLessThan(500);
				portal.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
			}
		}
	}

	/** The address exactly as written: the client encodes nothing. */
	private URI at(String path) {
		return URI.create("http://localhost:" + port + path);
	}
}
