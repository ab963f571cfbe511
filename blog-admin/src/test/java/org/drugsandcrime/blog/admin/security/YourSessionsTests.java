package org.drugsandcrime.blog.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** "Your sessions" on /account: where an account is signed in, and signing out everywhere else. */
@PortalTest
class YourSessionsTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	DatabaseClient database;

	@Test
	void theFirstSessionSignsOutTheSecondAndStaysSignedIn() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal laptop = Portal.signIn(web, editor);
		Portal phone = Portal.signIn(web.mutate()
			.defaultHeader("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
					+ "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
			.build(), editor);

		String page = laptop.page("/account");
		assertThat(page).contains("Your sessions").contains("Safari on iPhone").contains("(this session)")
			.contains("Sign out everywhere else").contains("127.0.0.1");
		assertThat(page.split("<tr", -1)).as("a heading row and two sessions").hasSize(4);

		laptop.post("/account/sessions/others").expectStatus().is3xxRedirection()
			.expectHeader().location("/account?done=other-sessions-ended&n=1");
		phone.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login?done=session-ended");
		phone.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
		laptop.get("/posts").expectStatus().isOk();
		assertThat(laptop.page("/account?done=other-sessions-ended&n=1")).contains("Signed out of 1 other session.")
			.contains("You are signed in nowhere else.").doesNotContain("Safari on iPhone");
	}

	@Test
	void theDatabaseKeepsNothingOfTheSessionIdAndForgetsTheSessionAtSignOut() throws Exception {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		String id = portal.session();
		String digestOfId = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
		assertThat(rows(author)).singleElement()
			.satisfies(row -> assertThat(row).doesNotContain(id).isNotEqualTo(digestOfId).hasSize(43));

		portal.post("/logout").expectStatus().is3xxRedirection();
		assertThat(rows(author)).isEmpty();
	}

	@Test
	void aSessionWhoseRowIsGoneIsOver() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		database.sql("DELETE FROM staff_sessions WHERE user_id = :id").bind("id", author.id()).then().block();
		portal.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login?done=session-ended");
	}

	@Test
	void signingOutEverywhereElseNeedsTheFormsToken() {
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		portal.postWithoutToken("/account/sessions/others", Portal.form()).expectStatus().isForbidden();
	}

	private List<String> rows(StaffUser user) {
		return database.sql("SELECT session_digest FROM staff_sessions WHERE user_id = :id")
			.bind("id", user.id())
			.map((row, meta) -> row.get("session_digest", String.class))
			.all()
			.collectList()
			.block();
	}
}
