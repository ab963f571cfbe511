package org.drugsandcrime.blog.admin.security;

import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Two-factor sign-in: the key that seals the secrets in the database, and whether admins must use it.
 *
 * @param key Base64 of 32 random bytes ({@code openssl rand -base64 32}), from {@code BLOG_TOTP_KEY}; without it
 * nobody can turn two-factor sign-in on, and the portal refuses to start while any account has it on or admins must
 * use it ({@link TotpSecretsAtStart})
 * @param requiredForAdmins an ADMIN without two-factor sign-in is sent to {@code /account} to turn it on, from any
 * other page, until they do ({@link AdminEnrolment})
 */
@ConfigurationProperties("blog.admin.two-factor")
record TwoFactorProperties(String key, @DefaultValue("true") boolean requiredForAdmins) {

	static final String KEY_RULE = "blog.admin.two-factor.key (BLOG_TOTP_KEY) must be the Base64 of 32 random bytes, "
			+ "as `openssl rand -base64 32` prints";

	TwoFactorProperties {
		key = key == null || key.isBlank() ? null : key.strip();
		if (key != null) {
			keyBytes(key);
		}
	}

	boolean hasKey() {
		return key != null;
	}

	byte[] keyBytes() {
		return keyBytes(key);
	}

	private static byte[] keyBytes(String key) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(KEY_RULE + "; it is not Base64");
		}
		if (bytes.length != 32) {
			throw new IllegalArgumentException(KEY_RULE + "; it decodes to " + bytes.length + " bytes");
		}
		return bytes;
	}
}
