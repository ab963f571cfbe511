package org.drugsandcrime.blog.admin.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals TOTP secrets for the database with AES-256-GCM under the key from {@code BLOG_TOTP_KEY}, which the database
 * never holds: someone with a copy of the database gets no working secret. Each sealing has a random 96-bit IV, and
 * the account's id is authenticated with it, so a sealed secret copied onto another account does not open.
 * Stored as {@code v1:} and the Base64 of IV and ciphertext; a value without the prefix is a plain-text secret from
 * before sealing, which still opens until {@link TotpSecretsAtStart} or its next use seals it.
 */
@Component
class TotpSecrets {

	private static final String SEALED = "v1:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	TotpSecrets(TwoFactorProperties properties) {
		this.key = properties.hasKey() ? new SecretKeySpec(properties.keyBytes(), "AES") : null;
	}

	/** Whether secrets can be sealed and opened here: {@code BLOG_TOTP_KEY} is set. */
	boolean available() {
		return key != null;
	}

	String seal(long accountId, String secret) {
		if (key == null) {
			throw new IllegalStateException("No key to seal two-factor secrets with: set BLOG_TOTP_KEY");
		}
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, accountId);
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
			return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every JDK", ex);
		}
	}

	static boolean isSealed(String stored) {
		return stored != null && stored.startsWith(SEALED);
	}

	/**
	 * The Base32 secret behind a stored value; empty when it cannot be opened (no key, another key, another account's
	 * value, or tampered with).
	 */
	Optional<String> open(long accountId, String stored) {
		if (stored == null) {
			return Optional.empty();
		}
		if (!isSealed(stored)) {
			return Optional.of(stored);
		}
		if (key == null) {
			return Optional.empty();
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored.substring(SEALED.length()));
			if (bytes.length <= IV_BYTES) {
				return Optional.empty();
			}
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, IV_BYTES), accountId);
			return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private Cipher cipher(int mode, byte[] iv, long accountId) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(("blog-admin totp secret of account " + accountId).getBytes(StandardCharsets.US_ASCII));
		return cipher;
	}
}
