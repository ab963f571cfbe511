package org.drugsandcrime.blog.web.post;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PostPagesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Test
	void theHomePageListsPublishedPostsAndLinksToThem() {
		Post post = new Posts(editing, publishing, users).draft("Home page lists this post").publish();
		web.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).value(html -> {
			org.assertj.core.api.Assertions.assertThat(html).contains("Home page lists this post")
				.contains("/posts/" + post.getSlug());
		});
		web.get().uri("/posts/" + post.getSlug()).exchange().expectStatus().isOk().expectBody(String.class)
			.value(html -> org.assertj.core.api.Assertions.assertThat(html).contains("<h1>Home page lists this post</h1>"));
	}

	@Test
	void anUnknownPostIsNotFound() {
		web.get().uri("/posts/no-such-post").exchange().expectStatus().isNotFound();
		web.get().uri("/posts/..%2F..%2Fetc").exchange().expectStatus().isNotFound();
	}
}
