package org.drugsandcrime.blog.core.user;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with Spring Security's current recommended parameters. Hashing costs tens of milliseconds of
 * CPU by design, so callers run it off the event loop.
 */
public final class PasswordHashing {

	private static final PasswordEncoder ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	private PasswordHashing() {
	}

	public static PasswordEncoder encoder() {
		return ENCODER;
	}
}
