package org.drugsandcrime.blog.admin.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test vectors of RFC 6238 (Appendix B, HMAC-SHA1), for tests that sign in with two-factor codes: set the
 * portal's clock to a vector's time and type its code for {@link #SECRET}. Codes the RFC gives as eight digits are
 * six-digit codes by their last six. {@link #code} works out a code for any other secret (one a page just showed) by
 * the RFC's reference algorithm, written here apart from the portal's own.
 */
public final class Rfc6238 {

	/** The RFC's SHA1 seed, the ASCII of "12345678901234567890", in Base32 as authenticator apps take it. */
	public static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	public static final List<Vector> VECTORS = List.of(new Vector(59L, "94287082"), new Vector(1111111109L, "07081804"),
			new Vector(1111111111L, "14050471"), new Vector(1234567890L, "89005924"), new Vector(2000000000L, "69279037"),
			new Vector(20000000000L, "65353130"));

	/** 2005-03-18 01:58:29 UTC: code {@code 081804}, in time step 37037036. */
	public static final Vector T1111111109 = VECTORS.get(1);

	/** 2005-03-18 01:58:31 UTC, the next time step (37037037): code {@code 050471}. */
	public static final Vector T1111111111 = VECTORS.get(2);

	/** 2009-02-13 23:31:30 UTC: code {@code 005924}. */
	public static final Vector T1234567890 = VECTORS.get(3);

	private Rfc6238() {
	}

	/** @param eightDigits the code as the RFC prints it */
	public record Vector(long epochSecond, String eightDigits) {

		public Instant time() {
			return Instant.ofEpochSecond(epochSecond);
		}

		/** The code an authenticator app shows at this time. */
		public String code() {
			return eightDigits.substring(2);
		}
	}

	/** The six-digit code of a Base32 {@code secret} at {@code time}: RFC 6238's reference algorithm, SHA1, 30 s. */
	public static String code(String secret, Instant time) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(fromBase32(secret), "RAW"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(Math.floorDiv(time.getEpochSecond(), 30L)).array());
			int offset = hash[hash.length - 1] & 0xf;
			int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
			String digits = Integer.toString(binary % 1_000_000);
			return "0".repeat(6 - digits.length()) + digits;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
	}

	private static byte[] fromBase32(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long bits = 0;
		int count = 0;
		for (char c : text.toCharArray()) {
			int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
			if (value < 0) {
				throw new IllegalArgumentException("Not Base32: " + c);
			}
			bits = (bits << 5) | value;
			count += 5;
			if (count >= 8) {
				count -= 8;
				out.write((int) (bits >>> count) & 0xff);
			}
		}
		return out.toByteArray();
	}
}
