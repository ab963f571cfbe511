package org.drugsandcrime.blog.core.user;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id at OWASP's minimum for password storage: 19 MiB of memory, 2 passes, 1 lane (16-byte salt, 32-byte
 * hash). Spring Security's {@code defaultsForSpringSecurity_v5_8} uses 16 MiB; hashes made with it, or with any
 * weaker parameters, are recognised by {@link PasswordEncoder#upgradeEncoding} and replaced at the next sign-in.
 * Hashing costs tens of milliseconds of CPU by design, so callers run it off the event loop.
 */
public final class PasswordHashing {

	static final int SALT_LENGTH = 16;

	static final int HASH_LENGTH = 32;

	static final int PARALLELISM = 1;

	static final int MEMORY_KIB = 19 * 1024;

	static final int ITERATIONS = 2;

	private static final PasswordEncoder ENCODER = new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, PARALLELISM,
			MEMORY_KIB, ITERATIONS);

	private PasswordHashing() {
	}

	public static PasswordEncoder encoder() {
		return ENCODER;
	}
}
