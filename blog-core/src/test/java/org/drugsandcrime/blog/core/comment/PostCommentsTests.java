package org.drugsandcrime.blog.core.comment;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BlogTest
class PostCommentsTests {

	@Autowired
	PostComments comments;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	org.springframework.r2dbc.core.DatabaseClient database;

	@Autowired
	java.time.Clock clock;

	Post post;

	@BeforeEach
	void setUp() {
		post = new Posts(editing, publishing, users).draft("A post to comment on").publish();
	}

	@Test
	void newCommentsWaitForModeration() {
		comments.submit(post.getId(), null, "Reader", "reader@example.org", null, "First!", false, "203.0.113.1").block();
		assertThat(comments.approvedThread(post.getId()).block()).isEmpty();
	}

	@Test
	void approvedCommentsAreThreadedUnderTheirParents() {
		Comment root = approved(null, "Root comment");
		Comment reply = approved(root.id(), "Reply to root");
		approved(reply.id(), "Reply to the reply");
		approved(null, "Second root");
		List<ThreadedComment> thread = comments.approvedThread(post.getId()).block();
		assertThat(thread).extracting(ThreadedComment::body).containsExactly("Root comment", "Second root");
		assertThat(thread.get(0).replies()).extracting(ThreadedComment::body).containsExactly("Reply to root");
		assertThat(thread.get(0).replies().get(0).replies()).extracting(ThreadedComment::body)
			.containsExactly("Reply to the reply");
	}

	@Test
	void aReplyWhoseParentWasLaterTakenOffThePageIsShownAtTheTopLevel() {
		Comment parent = approved(null, "Parent, later spam");
		approved(parent.id(), "Orphaned reply");
		comments.moderate(parent.id(), CommentStatus.SPAM).block();
		assertThat(comments.approvedThread(post.getId()).block()).extracting(ThreadedComment::body)
			.containsExactly("Orphaned reply");
	}

	@Test
	void aReplyToACommentOfAnotherPostIsRefusedAndNothingIsStored() {
		Post other = new Posts(editing, publishing, users).draft("Another post's conversation").publish();
		Comment elsewhere = comments.moderate(comments.submit(other.getId(), null, "Elsewhere", "elsewhere@example.org",
				null, "On the other post", true, null).block().id(), CommentStatus.APPROVED).block();
		long before = count();
		assertThatThrownBy(() -> comments.submit(post.getId(), elsewhere.id(), "Reader", "reader@example.org", null,
				"Crossing over", false, null).block())
			.isInstanceOf(ReplyRefusedException.class).hasMessageContaining("not shown under this post");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aReplyToACommentNotShownIsRefused() {
		Comment pending = comments.submit(post.getId(), null, "A", "a@example.org", null, "Pending parent", false, null).block();
		Comment spam = approved(null, "Spam parent");
		comments.moderate(spam.id(), CommentStatus.SPAM).block();
		for (long parent : new long[] { pending.id(), spam.id(), Long.MAX_VALUE }) {
			assertThatThrownBy(() -> comments.submit(post.getId(), parent, "Reader", "reader@example.org", null, "Hidden",
					false, null).block()).isInstanceOf(ReplyRefusedException.class);
		}
	}

	@Test
	void whateverWritesACommentTheDatabaseDropsAParentOfAnotherPost() {
		Post other = new Posts(editing, publishing, users).draft("Written around the service").publish();
		Comment elsewhere = approved(null, "A comment of this post");
		Long parent = database.sql("""
				INSERT INTO comments (post_id, parent_id, author_name, author_email, body, status, created_at)
				VALUES (:post, :parent, 'Script', 'script@example.org', 'Inserted directly', 'APPROVED', :at)
				RETURNING parent_id""")
			.bind("post", other.getId())
			.bind("parent", elsewhere.id())
			.bind("at", clock.instant())
			.map((row, meta) -> java.util.Optional.ofNullable(row.get("parent_id", Long.class)))
			.one()
			.block()
			.orElse(null);
		assertThat(parent).isNull();
	}

	private long count() {
		return database.sql("SELECT count(*) AS n FROM comments").map((row, meta) -> row.get("n", Long.class)).one().block();
	}

	@Test
	void spamAndTrashStayOffThePage() {
		Comment spam = approved(null, "Buy pills");
		comments.moderate(spam.id(), CommentStatus.SPAM).block();
		Comment trash = approved(null, "Off topic");
		comments.moderate(trash.id(), CommentStatus.TRASH).block();
		assertThat(comments.approvedThread(post.getId()).block()).isEmpty();
	}

	@Test
	void veryDeepThreadsAreFlattenedAtTheMaximumDepth() {
		Comment parent = approved(null, "depth 1");
		for (int depth = 2; depth <= 7; depth++) {
			parent = approved(parent.id(), "depth " + depth);
		}
		ThreadedComment level = comments.approvedThread(post.getId()).block().get(0);
		for (int depth = 2; depth < PostComments.MAX_DEPTH; depth++) {
			level = level.replies().get(0);
		}
		assertThat(level.replies()).extracting(ThreadedComment::body).containsExactly("depth 4", "depth 5", "depth 6", "depth 7");
	}

	private Comment approved(Long parentId, String body) {
		Comment comment = comments.submit(post.getId(), parentId, "Reader", "reader@example.org", null, body, false, null)
			.block();
		return comments.moderate(comment.id(), CommentStatus.APPROVED).block();
	}
}
