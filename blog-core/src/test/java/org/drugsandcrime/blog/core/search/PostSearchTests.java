package org.drugsandcrime.blog.core.search;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.search.SearchResults.Outcome;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class PostSearchTests {

	// A word of its own per run, so posts of other test classes in this database never match.
	static final String WORD = "zq" + Long.toString(System.nanoTime() % 1_000_000, 36) + "x";

	@Autowired
	PostSearch search;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void aMatchInTheTitleRanksAboveAMatchInTheBodyAndMatchesAreMarked() {
		posts.draft("Notes from a conference " + WORD).body("Probation officers spoke about caseloads.").publish();
		posts.draft("Probation caseloads keep rising " + WORD).body("Officers describe their week.").publish();
		SearchResults results = search.search("probation " + WORD, 1).block();
		assertThat(results.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(results.hits()).extracting(hit -> hit.post().title())
			.containsExactly("Probation caseloads keep rising " + WORD, "Notes from a conference " + WORD);
		assertThat(results.hits().get(0).titleHtml()).contains("<mark>Probation</mark>");
		assertThat(results.hits().get(1).snippetHtml()).contains("<mark>Probation</mark>");
	}

	@Test
	void wordsAreStemmedSoPaymentResultsFindsPaymentByResults() {
		posts.draft("How Payment by Results works " + WORD + "st").publish();
		assertThat(titles("payment results " + WORD + "st")).containsExactly("How Payment by Results works " + WORD + "st");
	}

	@Test
	void aQuotedPhraseMatchesOnlyThePhraseAndAMinusExcludes() {
		posts.draft("Results of payment reform " + WORD + "ph " + WORD + "one").body("Nothing about the scheme.").publish();
		posts.draft("Payment by results explained " + WORD + "ph " + WORD + "two").publish();
		assertThat(titles("\"payment by results\" " + WORD + "ph")).containsExactly("Payment by results explained " + WORD + "ph " + WORD + "two");
		assertThat(titles("payment -reform " + WORD + "ph")).containsExactly("Payment by results explained " + WORD + "ph " + WORD + "two");
		assertThat(titles(WORD + "one or " + WORD + "two")).hasSize(2);
	}

	@Test
	void draftsAndScheduledPostsAreNeverFound() {
		posts.draft("Secret draft " + WORD + "draft").save();
		assertThat(search.search(WORD + "draft", 1).block().outcome()).isEqualTo(Outcome.NOTHING_FOUND);
	}

	@Test
	void textIsEscapedBeforeMatchesAreMarked() {
		posts.draft("Ampersands & <angle> brackets " + WORD + "esc").publish();
		SearchHit hit = search.search(WORD + "esc", 1).block().hits().get(0);
		assertThat(hit.titleHtml()).contains("&amp; &lt;angle&gt;").doesNotContain("<angle>");
	}

	@Test
	void queriesThatCannotRunAreAnsweredWithAReasonNotAnError() {
		assertThat(search.search("   ", 1).block().outcome()).isEqualTo(Outcome.EMPTY);
		assertThat(search.search("x".repeat(10_000), 1).block().outcome()).isEqualTo(Outcome.TOO_LONG);
		assertThat(search.search("the and of", 1).block().outcome()).isEqualTo(Outcome.ONLY_STOP_WORDS);
		assertThat(search.search("& < > \" '", 1).block().outcome()).isEqualTo(Outcome.ONLY_STOP_WORDS);
		assertThat(search.search("<script>alert(1)</script> \"unclosed -", 1).block().outcome())
			.isIn(Outcome.FOUND, Outcome.NOTHING_FOUND);
	}

	@Test
	void resultsArePaged() {
		for (int i = 1; i <= PostSearch.PAGE_SIZE + 2; i++) {
			posts.draft("Paged result " + i + " " + WORD + "page").publish();
		}
		SearchResults first = search.search(WORD + "page", 1).block();
		SearchResults second = search.search(WORD + "page", 2).block();
		assertThat(first.hits()).hasSize(PostSearch.PAGE_SIZE);
		assertThat(first.hasNext()).isTrue();
		assertThat(second.hits()).hasSize(2);
		assertThat(second.hasNext()).isFalse();
		assertThat(search.search(WORD + "page", 3).block().outcome()).isEqualTo(Outcome.NOTHING_FOUND);
	}

	private List<String> titles(String query) {
		return search.search(query, 1).block().hits().stream().map(hit -> hit.post().title()).toList();
	}
}
