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
	void aReplyToAnUnapprovedCommentIsShownAtTheTopLevel() {
		Comment pending = comments.submit(post.getId(), null, "A", "a@example.org", null, "Pending parent", false, null).block();
		approved(pending.id(), "Orphaned reply");
		assertThat(comments.approvedThread(post.getId()).block()).extracting(ThreadedComment::body)
			.containsExactly("Orphaned reply");
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
