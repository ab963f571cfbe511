package org.drugsandcrime.blog.core.user;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashingTests {

	@Test
	void passwordsAreHashedWithArgon2idAtOwaspsMinimum() {
		String hash = PasswordHashing.encoder().encode("correct horse battery staple");
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(PasswordHashing.encoder().matches("correct horse battery staple", hash)).isTrue();
		assertThat(PasswordHashing.encoder().upgradeEncoding(hash)).isFalse();
	}

	@Test
	void hashesMadeWithSpringSecuritysOlderDefaultsAreDueForAnUpgrade() {
		String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("correct horse battery staple");
		assertThat(PasswordHashing.encoder().upgradeEncoding(old)).isTrue();
		assertThat(PasswordHashing.encoder().matches("correct horse battery staple", old)).isTrue();
	}
}
