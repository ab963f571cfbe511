package org.drugsandcrime.blog.admin.testing;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.crypto.password.PasswordEncoder;

/** A password encoder that counts the hashes it checks, so a test can see what a request cost without timing it. */
public final class CountingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder encoder;

	private final AtomicInteger checks = new AtomicInteger();

	CountingPasswordEncoder(PasswordEncoder encoder) {
		this.encoder = encoder;
	}

	/** How many hashes have been checked since the application started. */
	public int checks() {
		return checks.get();
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return encoder.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		checks.incrementAndGet();
		return encoder.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return encoder.upgradeEncoding(encodedPassword);
	}
}
