package org.drugsandcrime.blog.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrosecondClockTests {

	private final Clock clock = new MicrosecondClock(Clock.fixed(Instant.parse("2026-12-03T20:15:30.123456789Z"), ZoneOffset.UTC));

	@Test
	void instantsAreCutToTheMicrosecondAsPostgresqlStoresThem() {
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-03T20:15:30.123456Z"));
	}

	@Test
	void millisecondsCanBeReadToo() {
		assertThat(clock.millis()).isEqualTo(Instant.parse("2026-12-03T20:15:30.123Z").toEpochMilli());
	}
}
