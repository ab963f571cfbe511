package org.drugsandcrime.blog.admin.security;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMail;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.mail.OutboxSender;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Forgot password?": the same answer for any address, a single-use link by mail that works for 30 minutes, opened
 * without being used up, used once to set a password under the policy, and ending the account's other sessions.
 */
@PortalTest
class PasswordResetTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	static final String NEW_PASSWORD = "a reset that nobody guesses";

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffUserRepository users;

	@Autowired
	OutboxSender configured;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	StaffMail mail;

	@BeforeEach
	void setUp() {
		mail = new StaffMail(configured, smtp);
	}

	@Test
	void theLoginPageOffersItAndAnyAddressGetsTheSameAnswer() {
		assertThat(Portal.anonymous(web).page("/login")).contains("href=\"/password/forgot\"");
		StaffUser editor = staff.create(Role.EDITOR);
		String unknown = "nobody" + System.nanoTime() + "@example.org";

		String known = ask(editor.email());
		String nobody = ask(unknown);
		assertThat(known).isEqualTo(nobody).isEqualTo("/password/forgot?done=sent");
		assertThat(Portal.anonymous(web).page(known)).contains("If a staff account has that address");

		mail.deliver();
		assertThat(mail.to(editor.email())).hasSize(1);
		assertThat(mail.to(unknown)).isEmpty();
	}

	@Test
	void theLinkOpensWithoutBeingUsedSetsThePasswordOnceAndEndsOtherSessions() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal signedIn = Portal.signIn(web, editor);
		ask(editor.email());
		String link = mail.deliver().link(editor.email());

		Portal visitor = Portal.anonymous(web);
		// A mail scanner opens it first: nothing is used up.
		assertThat(visitor.page(link)).contains("Choose a new password").contains(editor.email());
		String form = visitor.page(link);
		String token = link.substring(link.indexOf("token=") + 6);
		assertThat(form).contains("value=\"" + token + "\"");

		visitor.post("/password/set", "token", token, "password", "qwertyuiopasdfgh", "repeat", "qwertyuiopasdfgh")
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("most used ones"));
		visitor.post("/password/set", "token", token, "password", "short", "repeat", "short").expectStatus().isBadRequest();
		visitor.post("/password/set", "token", token, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD + "!")
			.expectStatus().isBadRequest();
		assertThat(users.findById(editor.id()).block().passwordHash()).as("refusals change nothing")
			.isEqualTo(editor.passwordHash());

		visitor.post("/password/set", "token", token, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD)
			.expectStatus().is3xxRedirection().expectHeader().location("/login?done=password-set");
		assertThat(visitor.page("/login?done=password-set")).contains("Your password is set: sign in with it.");

		// The session signed in before the reset ends: refused once, then sent to sign in.
		signedIn.get("/posts").expectStatus().isForbidden();
		signedIn.get("/posts").expectStatus().is3xxRedirection().expectHeader().location("/login");
		Portal.anonymous(web).submitLogin(editor.email(), StaffMembers.PASSWORD).expectHeader().location("/login?done=failed");
		Portal.signIn(web, editor.email(), NEW_PASSWORD);

		visitor.post("/password/set", "token", token, "password", "yet another passphrase", "repeat", "yet another passphrase")
			.expectStatus().isEqualTo(410).expectBody(String.class)
			.value(html -> assertThat(html).contains("This link has been used"));
		Portal.anonymous(web).get(link).expectStatus().isEqualTo(410);
		assertThat(Portal.signIn(web, staff.create(Role.ADMIN)).page("/audit")).contains("user.password-reset");
	}

	@Test
	void aLinkRunsOutAfterThirtyMinutesWithAReadablePage() {
		StaffUser author = staff.create(Role.AUTHOR);
		ask(author.email());
		String link = mail.deliver().link(author.email());
		String token = link.substring(link.indexOf("token=") + 6);
		clock.advance(Duration.ofMinutes(31));
		Portal visitor = Portal.anonymous(web);
		visitor.get(link).expectStatus().isEqualTo(410).expectBody(String.class)
			.value(html -> assertThat(html).contains("This link has run out").contains("/password/forgot"));
		visitor.post("/password/set", "token", token, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD)
			.expectStatus().isEqualTo(410);
		visitor.get("/password/set?token=made-up").expectStatus().isNotFound().expectBody(String.class)
			.value(html -> assertThat(html).contains("This link does not work"));
		visitor.get("/password/set").expectStatus().isNotFound();
		assertThat(users.findById(author.id()).block().passwordHash()).isEqualTo(author.passwordHash());
	}

	@Test
	void onlyTheNewestLinkWorksAndTheTokenIsNeverStored() {
		StaffUser author = staff.create(Role.AUTHOR);
		ask(author.email());
		assertThat(database.sql("SELECT count(*) AS n FROM mail_outbox WHERE user_id = :id AND token IS NULL "
				+ "AND kind = 'PASSWORD_RESET'").bind("id", author.id()).map((row, meta) -> row.get("n", Long.class)).one().block())
			.as("the queued mail holds no token").isEqualTo(1);
		String first = mail.deliver().link(author.email());
		ask(author.email());
		String second = mail.deliver().link(author.email());
		assertThat(second).isNotEqualTo(first);
		String token = second.substring(second.indexOf("token=") + 6);
		assertThat(count("SELECT count(*) AS n FROM password_links l WHERE strpos(l::text, :token) > 0", token)
				+ count("SELECT count(*) AS n FROM mail_outbox o WHERE strpos(o::text, :token) > 0", token))
			.as("the plain token is nowhere in the database").isZero();
		assertThat(count("SELECT count(*) AS n FROM password_links WHERE token_hash = encode(sha256(convert_to(:token, 'UTF8')), 'hex')",
				token)).as("only its digest").isEqualTo(1);
		Portal.anonymous(web).get(first).expectStatus().isEqualTo(410);
		Portal.anonymous(web).get(second).expectStatus().isOk();
	}

	@Test
	void oneAddressGetsAFewMailsAnHourHoweverOftenSomeoneAsks() {
		StaffUser admin = staff.create(Role.ADMIN);
		for (int i = 0; i < 6; i++) {
			ask(admin.email());
			mail.deliver();
		}
		assertThat(mail.to(admin.email())).hasSize(3);
		clock.advance(Duration.ofMinutes(61));
		ask(admin.email());
		mail.deliver();
		assertThat(mail.to(admin.email())).hasSize(4);
	}

	@Test
	void aDisabledAccountGetsNoLink() {
		StaffUser author = staff.create(Role.AUTHOR);
		accounts.setEnabled(author.id(), false).block();
		ask(author.email());
		mail.deliver();
		assertThat(mail.to(author.email())).isEmpty();
	}

	private long count(String sql, String token) {
		return database.sql(sql).bind("token", token).map((row, meta) -> row.get("n", Long.class)).one().block();
	}

	private String ask(String email) {
		return Portal.anonymous(web).post("/password/forgot", "email", email).expectStatus().isSeeOther()
			.returnResult(String.class).getResponseHeaders().getLocation().toString();
	}
}
