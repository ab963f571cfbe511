package org.drugsandcrime.blog.admin.security;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What every member of staff keeps for themselves: the profile readers see with their posts, and their password. */
@PortalTest
class AccountTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffUserRepository users;

	@Test
	void anAuthorWritesTheBioAndHandleReadersSeeWithTheirPosts() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		portal.post("/account/profile", "displayName", "Helen Ashworth", "bio", "Researcher.\r\n\r\n<b>Not bold</b>",
				"twitterHandle", "https://x.com/helen_dc/").expectStatus().is3xxRedirection()
			.expectHeader().location("/account?done=profile-saved");
		StaffUser saved = users.findById(author.id()).block();
		assertThat(saved.displayName()).isEqualTo("Helen Ashworth");
		assertThat(saved.bio()).as("kept as typed; the site shows it as text").isEqualTo("Researcher.\n\n<b>Not bold</b>");
		assertThat(saved.twitterHandle()).isEqualTo("helen_dc");
		assertThat(portal.page("/account")).contains("value=\"@helen_dc\"").contains("&lt;b&gt;Not bold&lt;/b&gt;")
			.containsPattern("href=\"https?://[^\"]+/author/" + saved.slug() + "\"");
		assertThat(Portal.signIn(web, staff.create(Role.ADMIN)).page("/audit")).contains("user.profile")
			.contains(author.email());
	}

	@Test
	void aProfileWithMistakesComesBackWithWhatWasTypedAndChangesNothing() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		portal.post("/account/profile", "displayName", "Kept Name", "bio", "Typed bio", "twitterHandle", "not a handle!")
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("up to 15 letters, digits or underscores").contains("Typed bio")
				.contains("value=\"Kept Name\""));
		portal.post("/account/profile", "displayName", "", "bio", "").expectStatus().isBadRequest();
		portal.post("/account/profile", "displayName", "Long", "bio", "x".repeat(2001)).expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("at most 2000 characters"));
		assertThat(users.findById(author.id()).block()).isEqualTo(author);
	}

	@Test
	void aNewPasswordNeedsTheCurrentOneAndThenIsTheOnlyOneThatSignsIn() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		String next = "a quite different passphrase";
		portal.post("/account/password", "current", "wrong password here", "password", next, "repeat", next)
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("Your current password is not right"));
		portal.post("/account/password", "current", StaffMembers.PASSWORD, "password", next, "repeat", next + "!")
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("differ"));
		portal.post("/account/password", "current", StaffMembers.PASSWORD, "password", "short", "repeat", "short")
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("at least 12 characters"));
		assertThat(users.findById(editor.id()).block().passwordHash()).isEqualTo(editor.passwordHash());

		Portal elsewhere = Portal.signIn(web, editor);
		portal.post("/account/password", "current", StaffMembers.PASSWORD, "password", next, "repeat", next)
			.expectStatus().is3xxRedirection().expectHeader().location("/account?done=password-changed");
		Portal.anonymous(web).submitLogin(editor.email(), StaffMembers.PASSWORD).expectHeader().location("/login?done=failed");
		Portal.signIn(web, editor.email(), next);
		assertThat(portal.page("/posts")).as("the session that changed it stays signed in").contains("Posts");
		elsewhere.get("/posts").expectStatus().isForbidden();
		elsewhere.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void guessesAtTheCurrentPasswordAreThrottledLikeSignIns() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		String next = "a quite different passphrase";
		for (int guess = 0; guess < 5; guess++) {
			portal.post("/account/password", "current", "guess number " + guess, "password", next, "repeat", next)
				.expectStatus().isBadRequest();
		}
		portal.post("/account/password", "current", StaffMembers.PASSWORD, "password", next, "repeat", next)
			.expectStatus().isEqualTo(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS).expectBody(String.class)
			.value(html -> assertThat(html).contains("wait a minute"));
		assertThat(users.findById(author.id()).block().passwordHash()).isEqualTo(author.passwordHash());
	}

	@Test
	void theAccountFormsRefuseAPostWithoutTheCsrfToken() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		portal.postWithoutToken("/account/password", Portal.form("current", StaffMembers.PASSWORD, "password",
				"stolen passphrase 123", "repeat", "stolen passphrase 123")).expectStatus().isForbidden();
		portal.postWithoutToken("/account/profile", Portal.form("displayName", "Forged")).expectStatus().isForbidden();
		assertThat(users.findById(author.id()).block()).isEqualTo(author);
	}
}
