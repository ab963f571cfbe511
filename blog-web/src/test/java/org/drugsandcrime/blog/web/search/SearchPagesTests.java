package org.drugsandcrime.blog.web.search;


import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SearchPagesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Test
	void matchesAreRankedWithTheTitleFirstAndMarked() {
		Posts posts = new Posts(editing, publishing, users);
		String word = Readers.unique("zorbation");
		Post inBody = posts.draft("Reform notes " + word.substring(word.length() - 3)).body("Trusts and " + word + " officers.").publish();
		Post inTitle = posts.draft("Crossing the " + word + " Rubicon").body("Nothing else here.").publish();
		String html = search(word);
		assertThat(html.indexOf(inTitle.getTitle().replace(word, "<mark>" + word + "</mark>")))
			.isPositive().isLessThan(html.indexOf("/posts/" + inBody.getSlug()));
		assertThat(html).contains("<mark>" + word + "</mark> officers");
	}

	@Test
	void stemmedWordsFindTheTitleAndAQuotedPhraseOnlyThePhrase() {
		Posts posts = new Posts(editing, publishing, users);
		String marker = Readers.unique("kwq");
		Post title = posts.draft("Payment by Results " + marker).body("Commissioning " + marker + ".").publish();
		// Words of the phrase apart, and not next to each other across the title and the text either.
		Post apart = posts.draft("Results of payment " + marker).body("Providers are paid late, " + marker + ".").publish();
		assertThat(search("payment results " + marker)).contains("/posts/" + title.getSlug()).contains("/posts/" + apart.getSlug());
		assertThat(search("\"payment by results\" " + marker)).contains("/posts/" + title.getSlug())
			.doesNotContain("/posts/" + apart.getSlug());
		assertThat(search("payment " + marker + " -commissioning")).doesNotContain("/posts/" + title.getSlug())
			.contains("/posts/" + apart.getSlug());
	}

	@Test
	void emptyAndUnmatchedSearchesExplainThemselves() {
		assertThat(search("")).contains("What are you looking for?");
		assertThat(search(Readers.unique("qqxyzzy"))).contains("Nothing found");
	}

	private String search(String q) {
		return web.get().uri(uri -> uri.path("/search").queryParam("q", "{q}").build(q)).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
	}
}
