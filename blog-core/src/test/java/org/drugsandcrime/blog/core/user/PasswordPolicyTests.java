package org.drugsandcrime.blog.core.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.InvalidPostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one password rule: 12 to 128 characters, not the account's address, not one of the 100,000 most common. */
class PasswordPolicyTests {

	static final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void twelveToOneHundredAndTwentyEightCharactersCountedAsCharacters() {
		assertThat(policy.problem("twelve chars", null)).isEmpty();
		assertThat(policy.problem("elevenchars", null)).get().asString().contains("at least 12 characters");
		assertThat(policy.problem(null, null)).isPresent();
		assertThat(policy.problem("x".repeat(128), null)).isEmpty();
		assertThat(policy.problem("x".repeat(129), null)).get().asString().contains("at most 128 characters");
		assertThat(policy.problem("🔑".repeat(12), null)).as("twelve characters, 24 UTF-16 units").isEmpty();
		assertThat(policy.problem("🔑".repeat(11), null)).isPresent();
	}

	@Test
	void notTheAccountsEmailAddressInAnyCase() {
		assertThat(policy.problem("Sam.Writer@Example.org", "sam.writer@example.org")).get().asString()
			.contains("email address");
		assertThat(policy.problem("sam.writer@example.org ", "sam.writer@example.org")).isPresent();
		assertThat(policy.problem("sam.writer@example.org", "someone.else@example.org")).isEmpty();
	}

	@Test
	void notOneOfTheHundredThousandMostCommonInAnyCase() {
		for (String common : new String[] { "1qaz2wsx3edc", "qwertyqwerty", "PASSWORD1234", "Administrator", "Unbelievable" }) {
			assertThat(policy.problem(common, null)).as(common).get().asString().contains("100,000 most used");
		}
		assertThat(policy.problem("correct horse battery staple", null)).isEmpty();
		assertThatThrownBy(() -> policy.check("qazwsxedcrfv", "a@example.org")).isInstanceOf(InvalidPostException.class);
	}

	@Test
	void theBundledListHoldsTheHundredThousandMostCommonPasswords() throws IOException {
		long lines = 0;
		String first = null;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
				PasswordPolicy.class.getClassLoader().getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS)), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				first = first == null ? line : first;
				lines++;
			}
		}
		assertThat(lines).isEqualTo(100_000);
		assertThat(first).as("most used first").isEqualTo("123456");
	}
}
