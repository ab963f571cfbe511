package org.drugsandcrime.blog.feed;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9110's rules for preconditions, one branch at a time, without a server. */
class ConditionalRequestTests {

	static final Validators CURRENT = new Validators("W/\"abc\"", Instant.parse("2026-11-20T10:00:00Z"));

	@Test
	void noPreconditionMeansSendIt() {
		assertThat(evaluate(HttpMethod.GET, new HttpHeaders())).isEqualTo(HttpStatus.OK);
	}

	@Test
	void ifNoneMatchComparesWeaklySoAStrongFormOfTheTagMatches() {
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, "\"abc\""))).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, "W/\"abc\""))).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, "W/\"abcd\""))).isEqualTo(HttpStatus.OK);
	}

	@Test
	void ifNoneMatchTakesListsAndStar() {
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, "\"x\", W/\"abc\" ,\"y\"")))
			.isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, "\"x\", \"y\""))).isEqualTo(HttpStatus.OK);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, "*"))).isEqualTo(HttpStatus.NOT_MODIFIED);
		HttpHeaders twoFields = new HttpHeaders();
		twoFields.add(HttpHeaders.IF_NONE_MATCH, "\"x\"");
		twoFields.add(HttpHeaders.IF_NONE_MATCH, "W/\"abc\"");
		assertThat(evaluate(HttpMethod.GET, twoFields)).isEqualTo(HttpStatus.NOT_MODIFIED);
	}

	@Test
	void aMalformedEntityTagListMatchesNothingAndIsNoError() {
		for (String garbage : List.of("abc", "\"unterminated", "W/", ",,,", "\"a\"\"b\"", "W/abc", "\u0000")) {
			assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_NONE_MATCH, garbage))).as(garbage).isEqualTo(HttpStatus.OK);
		}
		assertThat(ConditionalRequest.entityTags(List.of("junk, W/\"abc\""))).containsExactly("W/\"abc\"");
	}

	@Test
	void ifNoneMatchWinsOverIfModifiedSince() {
		HttpHeaders stale = headers(HttpHeaders.IF_NONE_MATCH, "\"other\"");
		stale.set(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT");
		assertThat(evaluate(HttpMethod.GET, stale)).as("tag differs, date would say 304").isEqualTo(HttpStatus.OK);
		HttpHeaders fresh = headers(HttpHeaders.IF_NONE_MATCH, "W/\"abc\"");
		fresh.set(HttpHeaders.IF_MODIFIED_SINCE, "Thu, 01 Jan 2015 00:00:00 GMT");
		assertThat(evaluate(HttpMethod.GET, fresh)).as("tag matches, date would say 200").isEqualTo(HttpStatus.NOT_MODIFIED);
	}

	@Test
	void ifModifiedSinceAtOrAfterTheLastChangeIsNotModified() {
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT")))
			.isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:01 GMT")))
			.isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 09:59:59 GMT")))
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void ifModifiedSinceAcceptsTheTwoObsoleteDateForms() {
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MODIFIED_SINCE, "Friday, 20-Nov-26 10:00:00 GMT")))
			.isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MODIFIED_SINCE, "Fri Nov 20 10:00:00 2026")))
			.isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(ConditionalRequest.parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
		assertThat(ConditionalRequest.parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
	}

	@Test
	void aMalformedOrRepeatedDateIsIgnored() {
		for (String garbage : List.of("yesterday", "Fri, 32 Nov 2026 10:00:00 GMT", "Mon, 20 Nov 2026 10:00:00 GMT",
				"2026-11-20T10:00:00Z", "", "Fri, 20 Nov 2026 10:00:00 GMT, Fri, 20 Nov 2026 10:00:00 GMT")) {
			assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MODIFIED_SINCE, garbage))).as(garbage)
				.isEqualTo(HttpStatus.OK);
		}
		HttpHeaders twice = new HttpHeaders();
		twice.add(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT");
		twice.add(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT");
		assertThat(evaluate(HttpMethod.GET, twice)).isEqualTo(HttpStatus.OK);
	}

	@Test
	void headIsEvaluatedLikeGetAndOtherMethodsIgnoreIfModifiedSince() {
		assertThat(evaluate(HttpMethod.HEAD, headers(HttpHeaders.IF_NONE_MATCH, "W/\"abc\""))).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.HEAD, headers(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT")))
			.isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(evaluate(HttpMethod.POST, headers(HttpHeaders.IF_MODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT")))
			.isEqualTo(HttpStatus.OK);
		assertThat(evaluate(HttpMethod.POST, headers(HttpHeaders.IF_NONE_MATCH, "*"))).isEqualTo(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void ifMatchComparesStronglySoAWeakTagNeverMatches() {
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MATCH, "W/\"abc\""))).isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_MATCH, "*"))).isEqualTo(HttpStatus.OK);
		Validators strong = new Validators("\"abc\"", CURRENT.lastModified());
		HttpHeaders ifMatch = headers(HttpHeaders.IF_MATCH, "\"abc\"");
		assertThat(ConditionalRequest.evaluate(HttpMethod.GET, ifMatch, strong)).isEqualTo(HttpStatus.OK);
	}

	@Test
	void ifUnmodifiedSinceFailsWhenChangedSinceAndIsIgnoredUnderIfMatch() {
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_UNMODIFIED_SINCE, "Thu, 19 Nov 2026 10:00:00 GMT")))
			.isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(evaluate(HttpMethod.GET, headers(HttpHeaders.IF_UNMODIFIED_SINCE, "Fri, 20 Nov 2026 10:00:00 GMT")))
			.isEqualTo(HttpStatus.OK);
		HttpHeaders both = headers(HttpHeaders.IF_MATCH, "*");
		both.set(HttpHeaders.IF_UNMODIFIED_SINCE, "Thu, 19 Nov 2026 10:00:00 GMT");
		assertThat(evaluate(HttpMethod.GET, both)).isEqualTo(HttpStatus.OK);
	}

	static HttpStatus evaluate(HttpMethod method, HttpHeaders headers) {
		return ConditionalRequest.evaluate(method, headers, CURRENT);
	}

	static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}
}
