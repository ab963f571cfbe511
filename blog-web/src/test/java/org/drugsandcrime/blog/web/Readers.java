package org.drugsandcrime.blog.web;

import java.util.concurrent.atomic.AtomicLong;

import org.drugsandcrime.blog.core.comment.Comment;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * What the public site's tests do as readers and staff: publish posts, approve comments, send the comment form.
 * Names carry a per-JVM number so tests sharing the database never see each other's posts.
 */
public final class Readers {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private final Posts posts;

	private final PostComments comments;

	private final WebTestClient web;

	public Readers(Posts posts, PostComments comments, WebTestClient web) {
		this.posts = posts;
		this.comments = comments;
		this.web = web;
	}

	/** Readers of the site a test context runs, building posts through that context's own services. */
	public static Readers of(ApplicationContext context, WebTestClient web) {
		return new Readers(new Posts(context.getBean(PostEditing.class), context.getBean(PostPublishing.class),
				context.getBean(StaffUserRepository.class)), context.getBean(PostComments.class), web);
	}

	/** A word no other test uses, for titles, categories and search. */
	public static String unique(String word) {
		return word + sequence.incrementAndGet();
	}

	public Posts posts() {
		return posts;
	}

	public Comment approvedComment(Post post, Long parent, String name, String body) {
		Comment comment = comments.submit(post.getId(), parent, name, "reader@example.org", null, body, false, "192.0.2.1")
			.block();
		return comments.moderate(comment.id(), CommentStatus.APPROVED).block();
	}

	/** Sends the comment form as a browser on this site would (same-origin). */
	public WebTestClient.ResponseSpec comment(String slug, MultiValueMap<String, String> form) {
		return web.post().uri("/posts/" + slug + "/comments")
			.header("Sec-Fetch-Site", "same-origin")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	public static MultiValueMap<String, String> form(String name, String email, String body) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("name", name);
		form.add("email", email);
		form.add("website", "");
		form.add("body", body);
		form.add("homepage", "");
		return form;
	}
}
