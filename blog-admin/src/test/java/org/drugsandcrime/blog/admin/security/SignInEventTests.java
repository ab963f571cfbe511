package org.drugsandcrime.blog.admin.security;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.Rfc6238;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sign-in event is one log line and one audit-log row, and neither ever holds a password or a code. */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class SignInEventTests {

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

	@Autowired
	DatabaseClient database;

	@Test
	void aSignInAndAWrongPasswordAreLoggedAndAuditedWithoutThePassword(CapturedOutput output) {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal.anonymous(web).submitLogin(editor.email(), "a wrong password 4711").expectHeader().location("/login?done=failed");
		Portal.signIn(web, editor);

		assertThat(auditOf(editor, "sign-in.failed")).contains("reason=wrong-password").contains("client=127.0.0.1");
		assertThat(auditOf(editor, "sign-in")).contains("client=127.0.0.1");
		assertThat(output).contains("sign-in event=failed account=" + editor.email() + " user_id=" + editor.id()
				+ " reason=wrong-password client=127.0.0.1");
		assertThat(output).contains("sign-in event=signed-in account=" + editor.email() + " user_id=" + editor.id());
		assertThat(output).doesNotContain("a wrong password 4711").doesNotContain(StaffMembers.PASSWORD);
	}

	@Test
	void anAttemptAtNoAccountIsAuditedWithoutAnActorAndWithoutWhatWasTyped(CapturedOutput output) {
		String typed = "nobody-" + System.nanoTime() + "@example.org";
		Portal.anonymous(web).submitLogin(typed, StaffMembers.PASSWORD).expectHeader().location("/login?done=failed");

		Map<String, Object> row = database
			.sql("SELECT user_id, user_email, detail FROM audit_log WHERE action = 'sign-in.failed' ORDER BY id DESC LIMIT 1")
			.fetch()
			.one()
			.block();
		assertThat(row.get("user_id")).isNull();
		assertThat(row.get("user_email")).isEqualTo(SignInEvents.NO_ACCOUNT);
		assertThat((String) row.get("detail")).contains("reason=unknown-account");
		assertThat(output).contains("sign-in event=failed account=- user_id=- reason=unknown-account client=127.0.0.1");
		assertThat(output).doesNotContain(typed).doesNotContain(StaffMembers.PASSWORD);
		assertThat(database.sql("SELECT count(*) AS n FROM audit_log WHERE user_email LIKE :typed OR detail LIKE :typed")
			.bind("typed", "%" + typed + "%")
			.map(found -> found.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void aWrongCodeAndADelayedAttemptAreEventsOfTheirOwn(CapturedOutput output) {
		StaffUser admin = staff.create(Role.ADMIN);
		String secret = Rfc6238.SECRET;
		accounts.setTotpSecret(admin.id(), secret).block();
		clock.set(Rfc6238.T1111111109.time());
		String wrongCode = "000000";
		Portal.anonymous(web).post("/login", "username", admin.email(), "password", StaffMembers.PASSWORD, "code", wrongCode)
			.expectHeader().location("/login?done=failed");
		for (int attempt = 2; attempt <= 5; attempt++) {
			Portal.anonymous(web).submitLogin(admin.email(), "guess " + attempt);
		}
		String rightCode = Rfc6238.T1111111109.code();
		Portal.anonymous(web).post("/login", "username", admin.email(), "password", StaffMembers.PASSWORD, "code", rightCode)
			.expectHeader().location("/login?done=throttled");

		assertThat(auditOf(admin, "sign-in.code-wrong")).contains("reason=wrong-code");
		assertThat(auditOf(admin, "sign-in.throttled")).contains("wait=1s");
		assertThat(output).contains("sign-in event=code-wrong account=" + admin.email())
			.contains("sign-in event=throttled account=" + admin.email() + " user_id=" + admin.id() + " wait=1s client=127.0.0.1");
		assertThat(output).doesNotContain(secret).doesNotContain(StaffMembers.PASSWORD);
		assertThat(output.toString().lines().filter(line -> line.contains("sign-in event="))
			.filter(line -> line.contains(wrongCode) || line.contains(rightCode))).isEmpty();
	}

	@Test
	void aRecoveryCodeUsedToSignInIsAnEventOfItsOwn(CapturedOutput output) {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		clock.set(Rfc6238.T1111111109.time());
		Matcher shown = Pattern.compile("<code class=\"totp-secret\">([A-Z2-7]+)</code>").matcher(portal.page("/account"));
		assertThat(shown.find()).isTrue();
		String page = portal.post("/account/two-factor", "code", Rfc6238.code(shown.group(1), clock.instant()))
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		Matcher recovery = Pattern.compile("<li><code>([0-9a-z]{5}-[0-9a-z]{5})</code></li>").matcher(page);
		assertThat(recovery.find()).isTrue();
		String recoveryCode = recovery.group(1);

		Portal.anonymous(web).post("/login", "username", editor.email(), "password", StaffMembers.PASSWORD, "code", recoveryCode)
			.expectHeader().location("/");

		assertThat(auditOf(editor, "sign-in.recovery-code-used")).contains("client=127.0.0.1");
		assertThat(output).contains("sign-in event=recovery-code-used account=" + editor.email() + " user_id=" + editor.id());
		assertThat(output).doesNotContain(recoveryCode).doesNotContain(StaffMembers.PASSWORD);
	}

	private String auditOf(StaffUser user, String action) {
		return database.sql("SELECT detail FROM audit_log WHERE user_id = :id AND action = :action ORDER BY id DESC LIMIT 1")
			.bind("id", user.id())
			.bind("action", action)
			.map(row -> row.get("detail", String.class))
			.one()
			.blockOptional()
			.orElseThrow(() -> new AssertionError("No " + action + " in the audit log for " + user.email()));
	}
}
