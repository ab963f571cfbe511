package org.drugsandcrime.blog.core.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.springframework.stereotype.Component;

/**
 * The one rule for every password a member of staff gets, wherever it is set (an account created by an admin, an
 * invitation or reset link, a change at {@code /account}, the change at first sign-in, {@code BLOG_ADMIN_PASSWORD} at
 * start): 12 to 128 characters, not the account's email address, and not one of the 100,000 most common passwords
 * (the bundled list {@code passwords/common-passwords-100k.txt.gz}, compared without regard to case). No rules about
 * kinds of characters: length and rarity are what make a password hard to guess (NIST SP 800-63B, ASVS 2.1).
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	/** Long enough for any passphrase; Argon2 hashes whatever it is given, so this bounds the work. */
	public static final int MAX_LENGTH = 128;

	static final String COMMON_PASSWORDS = "passwords/common-passwords-100k.txt.gz";

	/**
	 * The common passwords that the length rule lets through, lower-cased: a shorter one is refused for its length
	 * already, so only these need remembering (a few hundred of the 100,000, instead of megabytes of strings).
	 */
	private final Set<String> common;

	public PasswordPolicy() {
		this.common = load();
	}

	/** What is wrong with {@code password} for the account {@code email}, in words for staff; empty when it may be used. */
	public Optional<String> problem(String password, String email) {
		int length = password == null ? 0 : password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of("Choose a password of at least " + MIN_LENGTH
					+ " characters: a few words that belong together only for you are easy to remember and hard to guess.");
		}
		if (length > MAX_LENGTH) {
			return Optional.of("Choose a password of at most " + MAX_LENGTH + " characters.");
		}
		if (email != null && password.strip().equalsIgnoreCase(email.strip())) {
			return Optional.of("The password cannot be the account's email address.");
		}
		if (common.contains(password.toLowerCase(Locale.ROOT))) {
			return Optional.of("That password is one of the 100,000 most used ones, which attackers try first: choose another.");
		}
		return Optional.empty();
	}

	/** Refuses {@code password} for the account {@code email} with {@link InvalidPostException} when it breaks the rule. */
	public void check(String password, String email) {
		problem(password, email).ifPresent(problem -> {
			throw new InvalidPostException(problem);
		});
	}

	private static Set<String> load() {
		Set<String> kept = new HashSet<>();
		try (InputStream resource = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS)) {
			if (resource == null) {
				throw new IllegalStateException("The list of common passwords is missing from the class path: " + COMMON_PASSWORDS);
			}
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.codePointCount(0, line.length()) >= MIN_LENGTH) {
					kept.add(line.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + COMMON_PASSWORDS, ex);
		}
		return Set.copyOf(kept);
	}
}
