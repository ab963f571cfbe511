package org.drugsandcrime.blog.admin.security;

import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Rfc6238;
import org.drugsandcrime.blog.admin.testing.Rfc6238.Vector;
import org.drugsandcrime.blog.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes authenticator apps show, checked against RFC 6238's own test vectors (Appendix B, SHA1). */
class TotpCodesTests {

	@Test
	void everyCodeIsTheRfcsTestVector() {
		assertThat(TotpCodes.base32("12345678901234567890".getBytes())).isEqualTo(Rfc6238.SECRET);
		for (Vector vector : Rfc6238.VECTORS) {
			assertThat(TotpCodes.codeAt(Rfc6238.SECRET, vector.epochSecond() / 30)).as("T = %d", vector.epochSecond())
				.isEqualTo(vector.code());
			assertThat(Rfc6238.code(Rfc6238.SECRET, vector.time())).as("the tests' reference, T = %d", vector.epochSecond())
				.isEqualTo(vector.code());
		}
	}

	@Test
	void aCodeNamesItsStepAndTheNeighbouringStepsCountForClocksALittleApart() {
		MutableClock clock = new MutableClock(Rfc6238.T1111111111.time());
		TotpCodes codes = new TotpCodes(clock);
		assertThat(codes.matchingStep(Rfc6238.SECRET, "050471")).isEqualTo(OptionalLong.of(37037037));
		assertThat(codes.matchingStep(Rfc6238.SECRET, "081804")).as("the step before").isEqualTo(OptionalLong.of(37037036));
		assertThat(codes.matchingStep(Rfc6238.SECRET, "050 471")).as("typed with a space").isEqualTo(OptionalLong.of(37037037));
		assertThat(codes.matchingStep(Rfc6238.SECRET, "050472")).isEmpty();
		assertThat(codes.matchingStep(Rfc6238.SECRET, "")).isEmpty();
		assertThat(codes.matchingStep(Rfc6238.SECRET, null)).isEmpty();
		clock.set(Instant.ofEpochSecond(1111111109L + 90));
		assertThat(codes.matchingStep(Rfc6238.SECRET, "081804")).as("three steps later").isEmpty();
	}
}
