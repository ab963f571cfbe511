package org.drugsandcrime.blog.admin.comment;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.feed.FeedEntries;
import org.drugsandcrime.blog.core.feed.FeedStamp;
import org.drugsandcrime.blog.core.comment.Comment;
import org.drugsandcrime.blog.core.comment.CommentRepository;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.comment.ThreadedComment;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class ModerationTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostComments comments;

	@Autowired
	CommentRepository commentRepository;

	@Autowired
	AuditLog audit;

	@Autowired
	FeedEntries feeds;

	@Autowired
	MutableClock clock;

	Portal portal;

	StaffUser editor;

	Post post;

	@BeforeEach
	void setUp() {
		editor = staff.create(Role.EDITOR);
		portal = Portal.signIn(web, editor);
		post = posts.draft("Comments on payment by results").publish();
	}

	@Test
	void anApprovedCommentIsOnThePublicPostAndSpamAndTrashStayOff() {
		Comment good = comment("A thoughtful reply about outcomes.");
		Comment spam = comment("Cheap watches here.");
		Comment rude = comment("Something rude.");
		assertThat(portal.page("/comments")).contains("A thoughtful reply about outcomes.").contains("Cheap watches here.");

		portal.post("/comments/moderate", "ids", good.id().toString(), "action", "approve", "from", "pending")
			.expectStatus().is3xxRedirection();
		portal.post("/comments/moderate", "ids", spam.id().toString(), "action", "spam", "from", "pending")
			.expectStatus().is3xxRedirection();
		portal.post("/comments/moderate", "ids", rude.id().toString(), "action", "trash", "from", "pending")
			.expectStatus().is3xxRedirection();

		assertThat(publicBodies()).containsExactly("A thoughtful reply about outcomes.");
		assertThat(portal.page("/comments?status=spam")).contains("Cheap watches here.");
		assertThat(audit.newest(1000).filter(entry -> editor.email().equals(entry.userEmail())).map(entry -> entry.action()
				+ " " + entry.itemId()).collectList().block())
			.contains("comment.approve " + good.id(), "comment.spam " + spam.id(), "comment.trash " + rude.id());
	}

	@Test
	void tickedCommentsAreModeratedTogether() {
		Comment first = comment("First of many.");
		Comment second = comment("Second of many.");
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("ids", first.id().toString());
		form.add("ids", second.id().toString());
		form.add("action", "approve");
		form.add("from", "pending");
		portal.post("/comments/moderate", form).expectStatus().is3xxRedirection()
			.expectHeader().location("/comments?status=pending&done=approved&n=2");
		assertThat(publicBodies()).contains("First of many.", "Second of many.");
	}

	@Test
	void aStaffReplyAppearsAtOnceAndApprovesWhatItAnswers() {
		Comment question = comment("Where is the evaluation published?");
		portal.post("/comments/" + question.id() + "/reply", "body", "On the Ministry's site, linked above.")
			.expectStatus().is3xxRedirection();
		List<ThreadedComment> thread = comments.approvedThread(post.getId()).block();
		assertThat(thread).hasSize(1);
		assertThat(thread.get(0).replies()).singleElement()
			.satisfies(reply -> assertThat(reply.byStaff()).isTrue());
	}

	@Test
	void anEditorRedactsACommentAndItsFeedChanges() {
		Comment comment = comment("Call my officer on 07700 900123, she is useless.");
		portal.post("/comments/moderate", "ids", comment.id().toString(), "action", "approve", "from", "pending")
			.expectStatus().is3xxRedirection();
		FeedStamp before = feeds.commentsStamp(post.getId()).block();
		// Well past the site settings' own time (written by the database as it was made, while this clock stood
		// still), so the edit is the newest thing the feed's date can follow however slowly the context started.
		clock.advance(java.time.Duration.ofHours(1));
		// An hour unused ends a session (security.SessionProperties): the editor signs in again.
		portal = Portal.signIn(web, editor);
		portal.post("/comments/" + comment.id() + "/edit", "body", "Call my officer on [number removed].", "from", "approved")
			.expectStatus().is3xxRedirection().expectHeader()
			.location("/comments?status=approved&done=edited&n=1#comment-" + comment.id());
		assertThat(publicBodies()).containsExactly("Call my officer on [number removed].");
		FeedStamp after = feeds.commentsStamp(post.getId()).block();
		assertThat(after.fingerprint()).as("the comment feed's validator").isNotEqualTo(before.fingerprint());
		assertThat(after.lastModified()).isAfter(before.lastModified());
		assertThat(audit.newest(1000).filter(entry -> "comment.edit".equals(entry.action())
				&& comment.id().toString().equals(entry.itemId())).hasElements().block()).isTrue();

		portal.post("/comments/" + comment.id() + "/edit", "body", "   ", "from", "approved")
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("role=\"alert\"").contains("A comment needs some text"));
		assertThat(publicBodies()).containsExactly("Call my officer on [number removed].");
		portal.post("/comments/999999999/edit", "body", "Hello").expectStatus().isNotFound();
		Portal.signIn(web, staff.create(Role.AUTHOR)).post("/comments/" + comment.id() + "/edit", "body", "Vandalised")
			.expectStatus().isForbidden();
		assertThat(publicBodies()).containsExactly("Call my officer on [number removed].");
	}

	@Test
	void nonsenseIsRefusedPolitely() {
		portal.post("/comments/moderate", "ids", "abc", "action", "approve").expectStatus().isBadRequest();
		portal.post("/comments/moderate", "ids", "1", "action", "delete-everything").expectStatus().isBadRequest();
		portal.post("/comments/999999999/reply", "body", "Hello").expectStatus().isNotFound();
		portal.get("/comments?status=whatever&page=-1").expectStatus().isOk();
	}

	Comment comment(String body) {
		return comments.submit(post.getId(), null, "A reader", "reader@example.org", null, body, false, "203.0.113.9").block();
	}

	List<String> publicBodies() {
		return comments.approvedThread(post.getId()).block().stream().map(ThreadedComment::body).toList();
	}
}
