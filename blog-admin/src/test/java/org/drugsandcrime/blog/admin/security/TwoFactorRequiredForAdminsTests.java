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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins must use two-factor sign-in, as shipped ({@code blog.admin.two-factor.required-for-admins}, which the other
 * portal tests turn off for their fixture admins): the password alone signs an admin in, and then nothing but the
 * enrolment screen opens until two-factor sign-in is on.
 */
@PortalTest
class TwoFactorRequiredForAdminsTests {

	@DynamicPropertySource
	static void asShipped(DynamicPropertyRegistry registry) {
		registry.add("blog.admin.two-factor.required-for-admins", () -> "true");
	}

	@Autowired
	WebTestClient web;

	@LocalServerPort
	int port;

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

	@Test
	void anAdminWithoutTwoFactorSignInIsSentToTurnItOnFromEveryOtherPageUntilItIsOn() {
		StaffUser admin = staff.create(Role.ADMIN);
		Portal portal = Portal.signIn(web, admin.email(), StaffMembers.PASSWORD, null);
		for (String path : new String[] { "/", "/posts", "/users", "/settings", "/account/", "/media/x.png" }) {
			portal.get(path).expectStatus().isSeeOther().expectHeader().location("/account?done=two-factor-required");
		}
		portal.get(URI.create("http://localhost:" + port + "/%61ccount/profile"), null, null).expectStatus().isSeeOther()
			.expectHeader().location("/account?done=two-factor-required");
		portal.post("/posts", "title", "Written before enrolling", "action", "save").expectStatus().isSeeOther()
			.expectHeader().location("/account?done=two-factor-required");
		portal.post("/account/profile", "displayName", "Renamed before enrolling", "bio", "").expectStatus().isSeeOther();
		assertThat(portal.page("/account?done=two-factor-required"))
			.contains("Admins sign in with a code from an authenticator app too").contains("class=\"qr-code\"");

		String secret = portal.page("/account").replaceAll("(?s).*<code class=\"totp-secret\">([A-Z2-7]+)</code>.*", "$1");
		portal.post("/account/two-factor", "code", Rfc6238.code(secret, clock.instant())).expectStatus().isOk();
		assertThat(portal.page("/")).contains("Dashboard");
		assertThat(portal.page("/posts")).contains("Posts");
	}

	@Test
	void anAdminWhoMustStillEnrolCanSignOut() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN).email(), StaffMembers.PASSWORD, null);
		portal.post("/logout").expectStatus().is3xxRedirection().expectHeader().location("/login?done=signed-out");
		portal.get("/account").expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void editorsAndAuthorsChooseForThemselves() {
		assertThat(Portal.signIn(web, staff.create(Role.EDITOR)).page("/")).contains("Dashboard");
		assertThat(Portal.signIn(web, staff.create(Role.AUTHOR)).page("/posts")).contains("Posts");
	}

	@Test
	void anAdminMayReplaceTheKeyButNotTurnTwoFactorSignInOff() {
		StaffUser admin = staff.create(Role.ADMIN);
		accounts.setTotpSecret(admin.id(), Rfc6238.SECRET).block();
		clock.set(Rfc6238.T1111111109.time());
		Portal portal = Portal.signIn(web, admin.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
		assertThat(portal.page("/account")).doesNotContain("/account/two-factor/off").contains("Replace the key");
		clock.set(Rfc6238.T1111111111.time());
		portal.post("/account/two-factor/off", "password", StaffMembers.PASSWORD, "code", Rfc6238.T1111111111.code())
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("Admins keep two-factor sign-in on"));
		assertThat(portal.page("/")).contains("Dashboard");
	}

	/** The first admin's given password is replaced first, then two-factor sign-in is turned on: no page sends back and forth. */
	@Test
	void anAdminWithAGivenPasswordChoosesTheirOwnFirstAndThenEnrols() {
		StaffUser admin = staff.createWithGivenPassword(Role.ADMIN);
		Portal portal = Portal.anonymous(web);
		portal.submitLogin(admin.email(), StaffMembers.PASSWORD).expectStatus().is3xxRedirection().expectHeader().location("/");
		String enrol = portal.get("/").expectStatus().isSeeOther().returnResult(String.class).getResponseHeaders()
			.getLocation().toString();
		assertThat(enrol).startsWith("/account");
		portal.get(enrol).expectStatus().isSeeOther().expectHeader().location("/password/choose");
		portal.readToken("/password/choose");
		portal.post("/password/choose", "password", "an admin's own passphrase", "repeat", "an admin's own passphrase")
			.expectStatus().is3xxRedirection().expectHeader().location("/account?done=password-changed");
		portal.get("/account").expectStatus().isOk();
		portal.get("/posts").expectStatus().isSeeOther();
	}
}
