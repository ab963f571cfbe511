package org.drugsandcrime.blog.admin.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, six digits), the codes authenticator
 * apps show. A code from the step before or after is accepted too, for clocks a little apart. Whether a code was
 * used before is {@link SecondFactor}'s to decide.
 */
@Component
class TotpCodes {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final long STEP_SECONDS = 30;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	TotpCodes(Clock clock) {
		this.clock = clock;
	}

	/** A new secret, Base32 as authenticator apps expect it (160 bits, as RFC 4226 recommends). */
	String newSecret() {
		byte[] bytes = new byte[20];
		random.nextBytes(bytes);
		return base32(bytes);
	}

	/**
	 * The time step whose code {@code code} is, among the current one and its two neighbours (for clocks a little
	 * apart); empty when it is none of them. Which step it was is what the replay guard records.
	 */
	OptionalLong matchingStep(String secret, String code) {
		if (secret == null || code == null) {
			return OptionalLong.empty();
		}
		String digits = code.replace(" ", "").strip();
		if (!digits.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		long step = clock.instant().getEpochSecond() / STEP_SECONDS;
		long matched = -1;
		for (long candidate = step - 1; candidate <= step + 1; candidate++) {
			// Compare every candidate in constant time so timing reveals nothing about which one was close.
			if (MessageDigest.isEqual(codeAt(secret, candidate).getBytes(), digits.getBytes())) {
				matched = candidate;
			}
		}
		return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
	}

	static String codeAt(String secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(unbase32(secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is part of every JDK", ex);
		}
	}

	static String base32(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

	static byte[] unbase32(String text) {
		String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not Base32");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.put((byte) ((buffer >> (bits - 8)) & 0xff));
				bits -= 8;
			}
		}
		return out.array();
	}
}
