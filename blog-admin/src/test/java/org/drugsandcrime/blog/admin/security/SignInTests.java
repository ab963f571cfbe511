package org.drugsandcrime.blog.admin.security;

import java.time.Duration;
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
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class SignInTests {

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
	void everyPageButTheLoginPageAsksForASignIn() {
		web.get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("name=\"_csrf\""));
		web.get().uri("/").exchange().expectStatus().is3xxRedirection().expectHeader().location("/login");
		web.get().uri("/posts/1/edit").exchange().expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void theRightPasswordOpensTheDashboardInAnHttpOnlySameSiteSession() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.anonymous(web);
		ResponseCookie cookie = portal.submitLogin(editor.email(), StaffMembers.PASSWORD)
			.expectStatus().is3xxRedirection()
			.expectHeader().location("/")
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst(Portal.SESSION_COOKIE);
		assertThat(cookie).isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Lax");
		assertThat(portal.page("/")).contains("Dashboard").contains(editor.displayName());
	}

	@Test
	void signingInLeadsBackToThePageAskedForBeforeIt() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.anonymous(web);
		portal.get(java.net.URI.create("http://127.0.0.1:" + port + "/posts?state=trash"), "Accept", "text/html,application/xhtml+xml")
			.expectStatus().is3xxRedirection().expectHeader().location("/login");
		// The browser follows the redirect: the login page must not forget where it came from.
		portal.get("/login").expectStatus().isOk();
		portal.submitLogin(editor.email(), StaffMembers.PASSWORD).expectStatus().is3xxRedirection()
			.expectHeader().location("/posts?state=trash");
		portal.get("/posts?state=trash").expectStatus().isOk();
		// Reached, the page is forgotten: the next sign-in starts at the dashboard.
		Portal.anonymous(web).submitLogin(editor.email(), StaffMembers.PASSWORD).expectHeader().location("/");
	}

	@Test
	void aWrongPasswordShowsAMessageAndSignsNobodyIn() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.anonymous(web);
		portal.submitLogin(author.email(), "not the password").expectStatus().is3xxRedirection().expectHeader().location("/login?done=failed");
		assertThat(portal.page("/login?done=failed")).contains("Wrong email, password or code.");
		portal.get("/").expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void afterFiveFailuresEachFurtherAttemptWaitsTwiceAsLongButTheAccountIsNeverLocked() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.anonymous(web);
		for (int attempt = 1; attempt <= 5; attempt++) {
			portal.submitLogin(author.email(), "guess " + attempt).expectHeader().location("/login?done=failed");
		}
		portal.submitLogin(author.email(), StaffMembers.PASSWORD).expectStatus().is3xxRedirection()
			.expectHeader().location("/login?done=throttled");
		assertThat(portal.page("/login?done=throttled")).contains("Too many failed sign-ins");
		portal.get("/").expectStatus().is3xxRedirection().expectHeader().location("/login");

		clock.advance(Duration.ofSeconds(1));
		portal.submitLogin(author.email(), "guess 6").expectHeader().location("/login?done=failed");
		clock.advance(Duration.ofSeconds(1));
		portal.submitLogin(author.email(), StaffMembers.PASSWORD).expectHeader().location("/login?done=throttled");
		clock.advance(Duration.ofSeconds(1));
		portal.submitLogin(author.email(), StaffMembers.PASSWORD).expectHeader().location("/");
		assertThat(portal.page("/")).contains("Dashboard");
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefused() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		portal.postWithoutToken("/posts", Portal.form("title", "Sent from another site", "action", "save"))
			.expectStatus().isForbidden();
		portal.postWithoutToken("/login", Portal.form("username", "x@example.org", "password", "y"))
			.expectStatus().isForbidden();
		portal.post("/posts", "title", "Sent from the editor", "action", "save").expectStatus().is3xxRedirection();
	}

	@Test
	void signingOutEndsTheSession() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		portal.post("/logout").expectStatus().is3xxRedirection().expectHeader().location("/login?done=signed-out");
		portal.get("/").expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void aDisabledAccountLosesItsOpenSessionAtOnce() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		accounts.setEnabled(editor.id(), false).block();
		portal.get("/posts").expectStatus().isForbidden();
	}

	@Test
	void anAccountWithTwoFactorSignInNeedsTheCurrentCode() {
		StaffUser admin = staff.create(Role.ADMIN);
		accounts.setTotpSecret(admin.id(), Rfc6238.SECRET).block();
		clock.set(Rfc6238.T1111111109.time());
		Portal.anonymous(web).submitLogin(admin.email(), StaffMembers.PASSWORD).expectHeader().location("/login?done=failed");
		Portal.anonymous(web).post("/login", "username", admin.email(), "password", StaffMembers.PASSWORD, "code", "081805")
			.expectHeader().location("/login?done=failed");
		Portal portal = Portal.anonymous(web);
		portal.post("/login", "username", admin.email(), "password", StaffMembers.PASSWORD, "code", Rfc6238.T1111111109.code())
			.expectStatus().is3xxRedirection().expectHeader().location("/");
		assertThat(portal.page("/")).contains("Dashboard");
	}

	@Test
	void staffTurnOnTwoFactorSignInByProvingTheyCopiedTheKey() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		clock.set(Rfc6238.T1111111109.time());
		String secret = portal.page("/account").replaceAll("(?s).*<code class=\"totp-secret\">([A-Z2-7]+)</code>.*", "$1");
		String code = Rfc6238.code(secret, clock.instant());
		portal.post("/account/two-factor", "code", "000000".equals(code) ? "111111" : "000000").expectStatus().isBadRequest();
		portal.post("/account/two-factor", "code", code).expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("Two-factor sign-in is on"));

		clock.set(Rfc6238.T1111111111.time());
		Portal.anonymous(web).submitLogin(editor.email(), StaffMembers.PASSWORD).expectHeader().location("/login?done=failed");
		Portal.anonymous(web)
			.post("/login", "username", editor.email(), "password", StaffMembers.PASSWORD, "code", Rfc6238.code(secret, clock.instant()))
			.expectHeader().location("/");
	}
}
