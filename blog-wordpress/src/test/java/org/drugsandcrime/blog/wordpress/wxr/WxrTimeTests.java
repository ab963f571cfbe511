package org.drugsandcrime.blog.wordpress.wxr;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WxrTimeTests {

	@Test
	void aGmtFieldIsThatInstant() {
		assertThat(WxrTime.gmt("2008-03-05 06:25:19")).contains(Instant.parse("2008-03-05T06:25:19Z"));
		assertThat(WxrTime.gmt("2024-02-29 23:59:59")).contains(Instant.parse("2024-02-29T23:59:59Z"));
	}

	@Test
	void neverBlankAndImpossibleDatesAreNoInstant() {
		assertThat(WxrTime.gmt("0000-00-00 00:00:00")).isEmpty();
		assertThat(WxrTime.gmt("")).isEmpty();
		assertThat(WxrTime.gmt(null)).isEmpty();
		assertThat(WxrTime.gmt("2013-02-30 10:00:00")).isEmpty();
		assertThat(WxrTime.gmt("2013-13-01 10:00:00")).isEmpty();
		assertThat(WxrTime.gmt("2023-02-29 10:00:00")).isEmpty();
		assertThat(WxrTime.gmt("2013-01-01 24:00:00")).isEmpty();
		assertThat(WxrTime.gmt("yesterday")).isEmpty();
	}
}
