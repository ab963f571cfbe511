package org.drugsandcrime.blog.web.comment;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CommentPostingTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	PostComments comments;

	@Autowired
	CommentRequests requests;

	@Autowired
	DatabaseClient database;

	Readers readers;

	@BeforeEach
	void setUp() {
		readers = Readers.of(context, web);
		requests.forget();
	}

	@Test
	void aCommentWaitsForModerationAndAppearsOnceApproved() {
		Post post = readers.posts().draft(Readers.unique("Moderated post")).publish();
		String text = Readers.unique("A thoughtful remark");
		readers.comment(post.getSlug(), Readers.form("Ann Reader", "ann@example.org", text))
			.expectStatus().isSeeOther()
			.expectHeader().valueEquals("Location", "/posts/" + post.getSlug() + "?comment=pending#comments");
		assertThat(status(text)).isEqualTo("PENDING");
		web.get().uri("/posts/" + post.getSlug() + "?comment=pending").exchange().expectStatus().isOk()
			.expectBody(String.class).value(html -> assertThat(html).contains("waiting for moderation").doesNotContain(text));
		long id = database.sql("SELECT id FROM comments WHERE body = :body").bind("body", text)
			.map((row, meta) -> row.get("id", Long.class)).one().block();
		comments.moderate(id, CommentStatus.APPROVED).block();
		web.get().uri("/posts/" + post.getSlug() + "?after=approval").exchange().expectStatus().isOk()
			.expectBody(String.class).value(html -> assertThat(html).contains(text).contains("Ann Reader")
				.doesNotContain("ann@example.org"));
	}

	@Test
	void commentTextIsShownAsTextWithLinksThatPassNoReputation() {
		Post post = readers.posts().draft(Readers.unique("Scripted comment")).publish();
		readers.approvedComment(post, null, "Mallory", "<script>alert(1)</script> see https://example.org/report.");
		web.get().uri("/posts/" + post.getSlug()).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
				.doesNotContain("<script>alert(1)</script>")
				.contains("<a href=\"https://example.org/report\" rel=\"nofollow ugc\">https://example.org/report</a>."));
	}

	@Test
	void repliesAreShownUnderTheCommentTheyAnswer() {
		Post post = readers.posts().draft(Readers.unique("Threaded post")).publish();
		var first = readers.approvedComment(post, null, "First reader", "Opening remark");
		readers.approvedComment(post, first.id(), "Second reader", "A reply to it");
		web.get().uri("/posts/" + post.getSlug()).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> assertThat(html).containsPattern("(?s)id=\"comment-" + first.id()
					+ "\".*Opening remark.*<ol class=\"replies\">.*A reply to it"));
	}

	@Test
	void theEleventhCommentWithinAMinuteFromOneAddressIsRefusedWithAReadablePage() {
		Post post = readers.posts().draft(Readers.unique("Busy post")).publish();
		for (int i = 1; i <= 10; i++) {
			readers.comment(post.getSlug(), Readers.form("Flooder", "flood@example.org", "Comment number " + i))
				.expectStatus().isSeeOther();
		}
		readers.comment(post.getSlug(), Readers.form("Flooder", "flood@example.org", "Comment number 11"))
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().exists("Retry-After")
			.expectBody(String.class).value(html -> assertThat(html).contains("Too many comments at once"));
		assertThat(status("Comment number 11")).isNull();
	}

	@Test
	void aFilledHoneypotIsDroppedSilently() {
		Post post = readers.posts().draft(Readers.unique("Honeypot post")).publish();
		String text = Readers.unique("Buy cheap pills");
		MultiValueMap<String, String> form = Readers.form("Bot", "bot@example.org", text);
		form.set("homepage", "https://spam.example");
		readers.comment(post.getSlug(), form).expectStatus().isSeeOther()
			.expectHeader().valueEquals("Location", "/posts/" + post.getSlug() + "?comment=pending#comments");
		assertThat(status(text)).isNull();
	}

	@Test
	void aCommentFromAnotherSiteIsRefused() {
		Post post = readers.posts().draft(Readers.unique("Cross-site post")).publish();
		String text = Readers.unique("Forged");
		web.post().uri("/posts/" + post.getSlug() + "/comments").header("Origin", "https://evil.example")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(Readers.form("Forger", "f@example.org", text)))
			.exchange().expectStatus().isForbidden()
			.expectBody(String.class).value(html -> assertThat(html).contains("Please use the form on this site"));
		web.post().uri("/posts/" + post.getSlug() + "/comments").header("Sec-Fetch-Site", "cross-site")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(Readers.form("Forger", "f@example.org", text)))
			.exchange().expectStatus().isForbidden();
		web.post().uri("/subscribe").header("Origin", "https://evil.example").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("email", "victim@example.org")).exchange().expectStatus().isForbidden();
		assertThat(status(text)).isNull();
	}

	@Test
	void aFormWithMistakesComesBackWithWhatWasTypedAndSaysWhatIsWrong() {
		Post post = readers.posts().draft(Readers.unique("Mistaken form")).publish();
		String text = Readers.unique("Kept text");
		readers.comment(post.getSlug(), Readers.form("", "not-an-address", text))
			.expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("Please give your name.")
				.contains(text).contains("value=\"not-an-address\"").contains("aria-invalid=\"true\""));
		readers.comment(post.getSlug(), Readers.form("Long", "long@example.org", "x".repeat(20_000)))
			.expectStatus().isBadRequest();
		readers.comment("no-such-post", Readers.form("Ann", "ann@example.org", "Hello")).expectStatus().isNotFound();
		assertThat(status(text)).isNull();
	}

	@Test
	void aReplyToACommentOfAnotherPostIsRefusedWithTheFormKeptAsACommentOfItsOwn() {
		Post post = readers.posts().draft(Readers.unique("Replied to from elsewhere")).publish();
		Post other = readers.posts().draft(Readers.unique("The other conversation")).publish();
		var elsewhere = readers.approvedComment(other, null, "Other reader", "On the other post");
		String text = Readers.unique("A reply across posts");
		MultiValueMap<String, String> form = Readers.form("Crossing Reader", "cross@example.org", text);
		form.add("parent", Long.toString(elsewhere.id()));
		readers.comment(post.getSlug(), form)
			.expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("Your comment needs a change")
				.contains("The comment you answered is not shown under this post").contains(text)
				.doesNotContain("name=\"parent\""));
		assertThat(database.sql("SELECT count(*) AS n FROM comments WHERE body = :body").bind("body", text)
			.map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();
	}

	private String status(String body) {
		return database.sql("SELECT status FROM comments WHERE body = :body").bind("body", body)
			.map((row, meta) -> row.get("status", String.class)).one().block();
	}
}
