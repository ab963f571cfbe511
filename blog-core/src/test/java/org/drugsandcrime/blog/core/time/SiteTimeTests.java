package org.drugsandcrime.blog.core.time;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteTimeTests {

	private final SiteTime london = SiteTime.of("Europe/London");

	@Test
	void writesATimeInWordsInTheSiteZone() {
		Instant winter = Instant.parse("2026-12-02T22:24:52.438878Z");
		Instant summer = Instant.parse("2026-07-02T22:24:00Z");

		assertThat(london.words(winter)).isEqualTo("2 Dec 2026, 22:24");
		assertThat(london.words(summer)).isEqualTo("2 Jul 2026, 23:24");
		assertThat(london.wordsWithZone(summer)).isEqualTo("2 Jul 2026, 23:24 BST");
		assertThat(SiteTime.of("Asia/Tokyo").words(winter)).isEqualTo("3 Dec 2026, 07:24");
		assertThat(london.date(summer)).isEqualTo("2 July 2026");
		assertThat(london.words(null)).isEmpty();
	}

	@Test
	void keepsTheExactInstantForMachinesInUtcToTheSecond() {
		assertThat(london.iso(Instant.parse("2026-07-02T22:24:52.438878Z"))).isEqualTo("2026-07-02T22:24:52Z");
	}

	@Test
	void readsATypedTimeInTheSiteZone() {
		assertThat(london.read("2026-07-02T09:30").instant()).isEqualTo(Instant.parse("2026-07-02T08:30:00Z"));
		assertThat(london.read("2026-12-02T09:30:15").instant()).isEqualTo(Instant.parse("2026-12-02T09:30:15Z"));
		assertThat(SiteTime.of("UTC").read("2026-07-02T09:30").instant()).isEqualTo(Instant.parse("2026-07-02T09:30:00Z"));
		assertThat(london.read("2026-07-02T09:30").note()).isNull();
		assertThat(london.inputValue(Instant.parse("2026-07-02T08:30:00Z"))).isEqualTo("2026-07-02T09:30");
	}

	@Test
	void aTimeTheClocksSkipMovesOnByTheGapAndSaysSo() {
		// 29 March 2026: London's clocks go from 01:00 GMT to 02:00 BST.
		SiteTime.Reading reading = london.read("2026-03-29T01:30");

		assertThat(reading.instant()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
		assertThat(london.words(reading.instant())).isEqualTo("29 Mar 2026, 02:30");
		assertThat(reading.note()).contains("does not happen").contains("29 Mar 2026, 02:30");
	}

	@Test
	void aTimeThatHappensTwiceIsTheFirstAndSaysSo() {
		// 25 October 2026: London's clocks go from 02:00 BST back to 01:00 GMT.
		SiteTime.Reading reading = london.read("2026-10-25T01:30");

		assertThat(reading.instant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
		assertThat(reading.note()).contains("happens twice").contains("BST");
	}

	@Test
	void refusesWhatIsNotATimeOrAZone() {
		assertThatThrownBy(() -> london.read("next tuesday")).isInstanceOf(InvalidTimeException.class)
			.hasMessageContaining("Europe/London");
		assertThatThrownBy(() -> london.read(" ")).isInstanceOf(InvalidTimeException.class);
		assertThatThrownBy(() -> london.read("0001-01-01T00:00")).isInstanceOf(InvalidTimeException.class);
		assertThatThrownBy(() -> SiteTime.zone("Europe/Londn")).isInstanceOf(InvalidTimeException.class)
			.hasMessageContaining("not a time zone");
		assertThatThrownBy(() -> SiteTime.zone("+01:00")).isInstanceOf(InvalidTimeException.class);
		assertThatThrownBy(() -> SiteTime.zone(null)).isInstanceOf(InvalidTimeException.class);
		assertThat(SiteTime.zone(" Europe/Paris ").getId()).isEqualTo("Europe/Paris");
	}
}
