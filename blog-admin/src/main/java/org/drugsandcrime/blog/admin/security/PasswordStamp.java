package org.drugsandcrime.blog.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.web.server.WebSession;

/**
 * Which password a session was signed in with: a digest of the account's password hash, kept in the session at
 * sign-in. When the password changes, every other session of the account no longer matches and is ended, so a
 * changed password also locks out whoever had signed in with the old one. The hash itself never enters a session.
 */
final class PasswordStamp {

	private static final String ATTRIBUTE = PasswordStamp.class.getName();

	private PasswordStamp() {
	}

	static void keep(WebSession session, StaffUser user) {
		session.getAttributes().put(ATTRIBUTE, of(user.passwordHash()));
	}

	static boolean matches(WebSession session, StaffUser user) {
		String kept = session.getAttribute(ATTRIBUTE);
		return kept != null && kept.equals(of(user.passwordHash()));
	}

	private static String of(String passwordHash) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.valueOf(passwordHash).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}
}
