package org.drugsandcrime.blog.core.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The tokens of the links that let a member of staff set a password: 256 random bits, written in a link as 43
 * URL-safe characters. Only their SHA-256 is stored; a token that random needs no slow hash, since nobody can try
 * enough of them, and a plain digest can be looked up by an index.
 */
public final class PasswordLinkTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private PasswordLinkTokens() {
	}

	static String draw() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The digest stored for {@code token}, and the one a link is looked up by. */
	public static String digest(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}
}
