package org.drugsandcrime.blog.core.redirect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OldPathsTests {

	@Test
	void whatWordPressWroteWhatABrowserSendsAndWhatSomeoneTypedAreOneAddress() {
		assertThat(OldPaths.path("/2013/05/caf%c3%a9/")).isEqualTo("/2013/05/café/");
		assertThat(OldPaths.path("/2013/05/caf%C3%A9/")).isEqualTo("/2013/05/café/");
		assertThat(OldPaths.path("/2013/05/café/")).isEqualTo("/2013/05/café/");
		assertThat(OldPaths.path("/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/")).isEqualTo("/привет/");
	}

	@Test
	void unreservedEscapesAreDecodedAndReservedOnesNever() {
		assertThat(OldPaths.path("/%7euser/a%2db")).isEqualTo("/~user/a-b");
		assertThat(OldPaths.path("/a%2fb")).isEqualTo("/a%2Fb");
		assertThat(OldPaths.path("/a%3fb")).isEqualTo("/a%3Fb");
		assertThat(OldPaths.path("/a b\"c")).isEqualTo("/a%20b%22c");
		assertThat(OldPaths.path("/latin1-%e9")).isEqualTo("/latin1-%E9");
		assertThat(OldPaths.path("/half-%e")).isEqualTo("/half-%25e");
	}

	@Test
	void whatCannotBeALocalPathIsNone() {
		assertThat(OldPaths.path(null)).isNull();
		assertThat(OldPaths.path("")).isNull();
		assertThat(OldPaths.path("posts/x")).isNull();
		assertThat(OldPaths.path("//evil.example/x")).isNull();
		assertThat(OldPaths.path("/\\evil.example/x")).isNull();
		assertThat(OldPaths.path("/a\nb")).isNull();
		assertThat(OldPaths.path("/" + "x".repeat(OldPaths.MAX_LENGTH))).isNull();
		assertThat(OldPaths.location("https://evil.example/")).isNull();
		assertThat(OldPaths.location("//evil.example/")).isNull();
		assertThat(OldPaths.location("/x?a=b\r\nSet-Cookie:1")).isNull();
	}

	@Test
	void onlyWordPressKeysOfAQueryCountInOneOrder() {
		assertThat(OldPaths.query("p=123")).isEqualTo("?p=123");
		assertThat(OldPaths.query("utm_source=x&p=0123&fbclid=y")).isEqualTo("?p=123");
		assertThat(OldPaths.query("feed=rss2&p=5")).isEqualTo("?p=5&feed=rss2");
		assertThat(OldPaths.query("p=5&p=6")).isEqualTo("?p=5");
		assertThat(OldPaths.query("tag=caf%c3%a9")).isEqualTo("?tag=café");
		assertThat(OldPaths.query("m=201305")).isEqualTo("?m=201305");
	}

	@Test
	void aQueryWordPressWouldNotAnswerNamesNothing() {
		assertThat(OldPaths.query(null)).isEmpty();
		assertThat(OldPaths.query("s=probation")).isEmpty();
		assertThat(OldPaths.query("p=abc")).isEmpty();
		assertThat(OldPaths.query("p=-1")).isEmpty();
		assertThat(OldPaths.query("p=99999999999999999999999")).isEmpty();
		assertThat(OldPaths.query("p=")).isEmpty();
		assertThat(OldPaths.query("tag=")).isEmpty();
		assertThat(OldPaths.query("p=1&" + "x=y&".repeat(OldPaths.MAX_LENGTH))).isEmpty();
	}

	@Test
	void aLocationIsAsciiAndKeepsItsQuery() {
		assertThat(OldPaths.location("/posts/привет")).isEqualTo("/posts/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82");
		assertThat(OldPaths.location("/posts/x")).isEqualTo("/posts/x");
		assertThat(OldPaths.location("/search?q=x")).isEqualTo("/search?q=x");
	}

	@Test
	void anAddressWithAQueryIsCanonicalAsAWhole() {
		assertThat(OldPaths.address("/blog/?utm_source=a&page_id=09")).isEqualTo("/blog/?page_id=9");
		assertThat(OldPaths.address("/?p=1&feed=rss2")).isEqualTo("/?p=1&feed=rss2");
		assertThat(OldPaths.withAndWithoutSlash("/", "?p=1")).containsExactly("/?p=1");
		assertThat(OldPaths.withAndWithoutSlash("/tag/x/", "")).containsExactly("/tag/x", "/tag/x/");
	}
}
