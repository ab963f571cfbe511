package org.drugsandcrime.blog.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Single-use recovery codes: ten at a time, each 50 random bits written as {@code xxxxx-xxxxx} in Crockford's Base32
 * (no I, L, O or U to misread; those typed anyway are read as the digits they look like). Only a digest is kept:
 * HMAC-SHA256 under a key derived from {@code BLOG_TOTP_KEY}, of the account's id and the code, so a copy of the
 * database neither shows the codes nor lets them be guessed offline.
 */
@Component
class RecoveryCodes {

	static final int COUNT = 10;

	private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	private static final int LENGTH = 10;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec digestKey;

	RecoveryCodes(TwoFactorProperties properties) {
		this.digestKey = properties.hasKey()
				? new SecretKeySpec(hmac(new SecretKeySpec(properties.keyBytes(), "HmacSHA256"), "blog-admin recovery codes"), "HmacSHA256")
				: null;
	}

	/** Ten new codes, as shown to their owner. */
	List<String> generate() {
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < LENGTH; c++) {
				if (c == LENGTH / 2) {
					code.append('-');
				}
				code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			codes.add(code.toString());
		}
		return codes;
	}

	/** The code as typed, in the one form digests are made of; empty when it cannot be a recovery code. */
	static Optional<String> normalise(String typed) {
		if (typed == null) {
			return Optional.empty();
		}
		String code = typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "").replace('o', '0').replace('i', '1').replace('l', '1');
		if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		return Optional.of(code);
	}

	String digest(long accountId, String normalised) {
		if (digestKey == null) {
			throw new IllegalStateException("No key for recovery codes: set BLOG_TOTP_KEY");
		}
		return HexFormat.of().formatHex(hmac(digestKey, accountId + ":" + normalised));
	}

	List<String> digests(long accountId, List<String> codes) {
		return codes.stream().map(code -> digest(accountId, normalise(code).orElseThrow())).toList();
	}

	private static byte[] hmac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}
}
