package org.drugsandcrime.blog.admin.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password someone else chose (here: one an admin typed for a new account) signs in once, and then every portal page
 * asks for one of the member of staff's own until they have chosen it; signing out still works.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class FirstPasswordTests {

	static final String OWN = "my very own staff passphrase";

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffUserRepository users;

	@Test
	void aPasswordAnAdminTypedForSomeoneMustBeReplacedAtTheFirstSignIn() {
		Portal admin = Portal.signIn(web, staff.create(Role.ADMIN));
		String email = "given" + System.nanoTime() + "@example.org";
		admin.post("/users", "email", email, "displayName", "Given Password", "role", "EDITOR", "password", StaffMembers.PASSWORD)
			.expectStatus().is3xxRedirection().expectHeader().location("/users?done=created");
		assertThat(admin.page("/users?done=created")).doesNotContain(StaffMembers.PASSWORD);

		admin.post("/users", "email", "weak" + System.nanoTime() + "@example.org", "displayName", "Weak", "role", "AUTHOR",
				"password", "1q2w3e4r5t6y").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("most used ones"));

		Portal portal = signInAs(email, StaffMembers.PASSWORD);
		for (String page : new String[] { "/", "/posts", "/account", "/posts/new" }) {
			portal.get(page).expectStatus().isSeeOther().expectHeader().location("/password/choose");
		}
		portal.post("/account/profile", "displayName", "Sneaky", "bio", "").expectStatus().isSeeOther()
			.expectHeader().location("/password/choose");
		assertThat(portal.page("/password/choose")).contains("Choose your password");
		portal.get("/admin.css").expectStatus().isOk();
		portal.post("/logout").expectStatus().is3xxRedirection().expectHeader().location("/login?done=signed-out");

		portal = signInAs(email, StaffMembers.PASSWORD);
		portal.post("/password/choose", "password", StaffMembers.PASSWORD, "repeat", StaffMembers.PASSWORD)
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("not the one you were given"));
		portal.post("/password/choose", "password", "1qaz2wsx3edc", "repeat", "1qaz2wsx3edc").expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("most used ones"));
		portal.post("/password/choose", "password", email.toUpperCase(), "repeat", email.toUpperCase()).expectStatus()
			.isBadRequest().expectBody(String.class).value(html -> assertThat(html).contains("email address"));
		portal.get("/posts").expectStatus().isSeeOther();

		portal.post("/password/choose", "password", OWN, "repeat", OWN).expectStatus().is3xxRedirection()
			.expectHeader().location("/account?done=password-changed");
		portal.get("/posts").expectStatus().isOk();
		portal.post("/password/choose", "password", OWN + " again", "repeat", OWN + " again").expectStatus().isBadRequest();
		Portal.anonymous(web).submitLogin(email, StaffMembers.PASSWORD).expectHeader().location("/login?done=failed");
		Portal.signIn(web, email, OWN).get("/posts").expectStatus().isOk();
	}

	@Test
	void theTestFixturesAccountsAreAskedOnlyWhenATestSaysSo() {
		signInAs(staff.createWithGivenPassword(Role.AUTHOR).email(), StaffMembers.PASSWORD).get("/account")
			.expectStatus().isSeeOther();
		Portal.signIn(web, staff.create(Role.AUTHOR)).get("/account").expectStatus().isOk();
	}

	@Test
	void noPasswordReachesTheLogWhenSigningIn(CapturedOutput output) {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal.signIn(web, editor);
		Portal.anonymous(web).submitLogin(editor.email(), "a wrong password typed by someone").expectStatus().is3xxRedirection();
		Portal.anonymous(web).submitLogin("nobody" + System.nanoTime() + "@example.org", "a password for nobody at all")
			.expectStatus().is3xxRedirection();
		Portal given = signInAs(staff.createWithGivenPassword(Role.AUTHOR).email(), StaffMembers.PASSWORD);
		given.post("/password/choose", "password", OWN, "repeat", OWN).expectStatus().is3xxRedirection();
		assertThat(output.getAll()).doesNotContain(StaffMembers.PASSWORD).doesNotContain("a wrong password typed by someone")
			.doesNotContain("a password for nobody at all").doesNotContain(OWN);
	}

	/** Signs in without looking further: the first page after it may be the one that asks for a new password. */
	private Portal signInAs(String email, String password) {
		Portal portal = Portal.anonymous(web);
		portal.submitLogin(email, password).expectStatus().is3xxRedirection().expectHeader().location("/");
		portal.readToken("/password/choose");
		return portal;
	}
}
