package org.drugsandcrime.blog.core.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTests {

	@Test
	void titlesBecomeLowercaseHyphenatedSlugs() {
		assertThat(Slugs.fromTitle("Crossing the probation Rubicon", "post")).isEqualTo("crossing-the-probation-rubicon");
		assertThat(Slugs.fromTitle("  PbR jargon demystified (1) A-F  ", "post")).isEqualTo("pbr-jargon-demystified-1-a-f");
		assertThat(Slugs.fromTitle("Payment by results – the devil really is in the detail", "post"))
			.isEqualTo("payment-by-results-the-devil-really-is-in-the-detail");
	}

	@Test
	void accentsAndLigaturesBecomePlainLatin() {
		assertThat(Slugs.fromTitle("Café culture in Zürich’s drug consumption rooms", "post"))
			.isEqualTo("cafe-culture-in-zurichs-drug-consumption-rooms");
		assertThat(Slugs.fromTitle("Straße, Ærø & Łódź", "post")).isEqualTo("strasse-aero-and-lodz");
	}

	@Test
	void lettersOfOtherScriptsAreKept() {
		assertThat(Slugs.fromTitle("Пробация и рецидив", "post")).isEqualTo("пробация-и-рецидив");
		assertThat(Slugs.fromTitle("毒品政策 2024", "post")).isEqualTo("毒品政策-2024");
		assertThat(Slugs.isValid("пробация-и-рецидив")).isTrue();
	}

	@Test
	void titlesWithoutLettersFallBack() {
		assertThat(Slugs.fromTitle("🚔 🚔", "post")).isEqualTo("post");
		assertThat(Slugs.fromTitle("", "post")).isEqualTo("post");
	}

	@Test
	void longTitlesAreCutAtAHyphen() {
		String slug = Slugs.fromTitle("reoffending ".repeat(20), "post");
		assertThat(slug).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-").startsWith("reoffending-");
	}

	@Test
	void slugsFromUrlsAreCheckedForShape() {
		assertThat(Slugs.isValid("on-probation")).isTrue();
		assertThat(Slugs.isValid("../etc/passwd")).isFalse();
		assertThat(Slugs.isValid("Upper")).isFalse();
		assertThat(Slugs.isValid("a".repeat(500))).isFalse();
		assertThat(Slugs.isValid("")).isFalse();
	}
}
