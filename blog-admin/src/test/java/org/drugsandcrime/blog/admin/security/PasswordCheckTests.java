package org.drugsandcrime.blog.admin.security;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.CountingPasswordEncoder;
import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class PasswordCheckTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	CountingPasswordEncoder passwords;

	@Autowired
	DatabaseClient database;

	/** So the time an answer takes cannot tell which addresses have an account that could sign in. */
	@Test
	void everyFailedSignInCostsExactlyOneHashWhateverTheAccount() {
		StaffUser withoutPassword = staff.create(Role.AUTHOR);
		database.sql("UPDATE users SET password_hash = NULL WHERE id = :id").bind("id", withoutPassword.id()).then().block();
		StaffUser disabled = staff.create(Role.AUTHOR);
		accounts.setEnabled(disabled.id(), false).block();
		StaffUser author = staff.create(Role.AUTHOR);

		assertThat(hashesOfSignIn("nobody-" + System.nanoTime() + "@example.org", StaffMembers.PASSWORD)).isEqualTo(1);
		assertThat(hashesOfSignIn(withoutPassword.email(), StaffMembers.PASSWORD)).isEqualTo(1);
		assertThat(hashesOfSignIn(disabled.email(), StaffMembers.PASSWORD)).isEqualTo(1);
		assertThat(hashesOfSignIn(author.email(), "not the password")).isEqualTo(1);
	}

	@Test
	void aHashMadeWithOlderParametersIsReplacedAtSignInAndStillSignsIn() {
		StaffUser editor = staff.create(Role.EDITOR);
		String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(StaffMembers.PASSWORD);
		assertThat(old).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
		database.sql("UPDATE users SET password_hash = :hash WHERE id = :id").bind("hash", old).bind("id", editor.id()).then().block();

		Portal.signIn(web, editor);
		assertThat(storedHash(editor)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		String upgraded = storedHash(editor);

		Portal.signIn(web, editor);
		assertThat(storedHash(editor)).isEqualTo(upgraded);
	}

	private int hashesOfSignIn(String email, String password) {
		Portal portal = Portal.anonymous(web);
		int before = passwords.checks();
		portal.submitLogin(email, password).expectHeader().location("/login?done=failed");
		return passwords.checks() - before;
	}

	private String storedHash(StaffUser user) {
		return database.sql("SELECT password_hash FROM users WHERE id = :id")
			.bind("id", user.id())
			.map(row -> row.get("password_hash", String.class))
			.one()
			.block();
	}
}
