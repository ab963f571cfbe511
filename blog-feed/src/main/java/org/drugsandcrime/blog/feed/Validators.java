package org.drugsandcrime.blog.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * A representation's validators (RFC 9110 section 8.8): a weak entity tag and the last modification time in
 * whole seconds, the precision of an HTTP date. Weak, because compression may change the bytes but not the
 * meaning.
 */
public record Validators(String etag, Instant lastModified) {

	public Validators {
		lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
	}

	/** Validators whose tag is a digest of everything the representation is made from. */
	public static Validators of(Instant lastModified, String... madeFrom) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : madeFrom) {
				digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			String opaque = HexFormat.of().formatHex(digest.digest(), 0, 16);
			return new Validators("W/\"" + opaque + "\"", lastModified);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}
}
