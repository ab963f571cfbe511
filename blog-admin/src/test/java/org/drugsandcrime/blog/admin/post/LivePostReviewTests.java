package org.drugsandcrime.blog.admin.post;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostReview;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An author's edit of a live post waits for an editor, who compares and approves or rejects it in the portal; an
 * author's edit of a scheduled post takes it off the schedule until it is reviewed again.
 */
@PortalTest
class LivePostReviewTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostRepository repository;

	@Autowired
	PostReview review;

	@Autowired
	AuditLog audit;

	StaffUser author;

	@BeforeEach
	void termsExist() {
		posts.draft("Terms the reviewed authors' forms name").category("Payment by Results").tag("pilots").tag("reoffending").save();
		author = staff.create(Role.AUTHOR);
	}

	@Test
	void anAuthorsSaveOfALivePostSaysItWaitsAndTheSiteKeepsThePostAsItWas() {
		Post live = posts.draft("Live and edited by its author").by(author).publish();
		Portal portal = Portal.signIn(web, author);
		assertThat(portal.page("/posts/" + live.getId() + "/edit")).contains("your changes go to an editor for review")
			.contains("Save changes for review");

		String location = location(portal.post("/posts/" + live.getId(),
				PublishingTests.editorForm("The author's new title", live.getSlug(), "save")));
		assertThat(location).isEqualTo("/posts/" + live.getId() + "/edit?done=changes-waiting");
		String page = portal.page(location);
		assertThat(page).contains("Your changes wait for an editor&#39;s review; readers see the post as it was until then.")
			.contains("value=\"The author&#39;s new title\"")
			.contains("Compare with the post on the site");
		assertThat(repository.findById(live.getId()).block().getTitle()).isEqualTo("Live and edited by its author");
		assertThat(portal.page("/posts/" + live.getId() + "/changes")).contains("Withdraw my changes")
			.doesNotContain("Approve: put it on the site");
	}

	@Test
	void anEditorFindsTheChangeComparesItAndApprovesItOntoTheSite() {
		Post live = posts.draft("Live until the editor approves").by(author).body("The first line.\nThe old second line.")
			.publish();
		Portal.signIn(web, author).post("/posts/" + live.getId(), PublishingTests.form("Approved by the editor",
				live.getSlug(), "The first line.\nThe new second line.", "save")).expectStatus().is3xxRedirection();

		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		assertThat(editor.page("/posts?state=review")).contains("Live until the editor approves").contains("changes waiting");
		assertThat(editor.page("/")).contains("/posts/" + live.getId() + "/changes");
		assertThat(editor.page("/posts/" + live.getId() + "/edit")).contains("Compare, approve or reject")
			.contains("value=\"Live until the editor approves\"");
		assertThat(editor.page("/posts/" + live.getId() + "/changes")).contains("Approved by the editor")
			.contains("<del><span class=\"mark\">− </span><span>The old second line.</span></del>")
			.contains("<ins><span class=\"mark\">+ </span><span>The new second line.</span></ins>")
			.contains("The first line.");

		assertThat(location(editor.post("/posts/" + live.getId() + "/changes/approve")))
			.isEqualTo("/posts/" + live.getId() + "/edit?done=change-approved");
		Post approved = repository.findById(live.getId()).block();
		assertThat(approved.getTitle()).isEqualTo("Approved by the editor");
		assertThat(approved.getStatus()).isEqualTo(PostStatus.PUBLISHED);
		assertThat(review.pendingChange(live.getId()).block()).isNull();
		assertThat(audit.newest(1000).filter(entry -> Long.toString(live.getId()).equals(entry.itemId()))
			.map(entry -> entry.action()).collectList().block()).contains("post.change-submit", "post.change-approve");
		editor.get("/posts/" + live.getId() + "/changes").expectStatus().isNotFound();
	}

	@Test
	void anEditorRejectsTheChangeAndTheAuthorCannotApproveItThemselves() {
		Post live = posts.draft("Live and rejected in the portal").by(author).publish();
		Portal portal = Portal.signIn(web, author);
		portal.post("/posts/" + live.getId(), PublishingTests.editorForm("Rejected title", live.getSlug(), "save"))
			.expectStatus().is3xxRedirection();
		portal.post("/posts/" + live.getId() + "/changes/approve").expectStatus().isForbidden();
		assertThat(repository.findById(live.getId()).block().getTitle()).isEqualTo("Live and rejected in the portal");

		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		assertThat(location(editor.post("/posts/" + live.getId() + "/changes/reject")))
			.isEqualTo("/posts/" + live.getId() + "/edit?done=change-rejected");
		assertThat(repository.findById(live.getId()).block().getTitle()).isEqualTo("Live and rejected in the portal");
		assertThat(review.pendingChange(live.getId()).block()).isNull();
		editor.post("/posts/" + live.getId() + "/changes/reject").expectStatus().isNotFound();
	}

	@Test
	void theAuthorWithdrawsTheirChangeAndAnotherAuthorSeesNothingOfIt() {
		Post live = posts.draft("Live and withdrawn").by(author).publish();
		Portal portal = Portal.signIn(web, author);
		portal.post("/posts/" + live.getId(), PublishingTests.editorForm("Withdrawn title", live.getSlug(), "save"))
			.expectStatus().is3xxRedirection();
		Portal other = Portal.signIn(web, staff.create(Role.AUTHOR));
		other.get("/posts/" + live.getId() + "/changes").expectStatus().isForbidden();
		other.post("/posts/" + live.getId() + "/changes/reject").expectStatus().isForbidden();

		assertThat(location(portal.post("/posts/" + live.getId() + "/changes/reject")))
			.isEqualTo("/posts/" + live.getId() + "/edit?done=change-withdrawn");
		assertThat(review.pendingChange(live.getId()).block()).isNull();
		portal.get("/posts/999999999/changes").expectStatus().isNotFound();
	}

	@Test
	void anAuthorsEditOfAScheduledPostTakesItOffTheScheduleUntilReviewed() {
		Post scheduled = posts.draft("Scheduled and edited by its author").by(author)
			.scheduleIn(Instant.now(), Duration.ofDays(2));
		Portal portal = Portal.signIn(web, author);
		assertThat(portal.page("/posts/" + scheduled.getId() + "/edit")).contains("saving a change takes it off the schedule");
		String location = location(portal.post("/posts/" + scheduled.getId(),
				PublishingTests.editorForm("Scheduled, edited", scheduled.getSlug(), "save")));
		assertThat(portal.page(location)).contains("Your edit is kept, and the post is no longer scheduled: it waits for an editor&#39;s review.")
			.contains("Waiting for an editor's review.");
		Post stored = repository.findById(scheduled.getId()).block();
		assertThat(stored.getStatus()).isEqualTo(PostStatus.DRAFT);
		assertThat(stored.getTitle()).isEqualTo("Scheduled, edited");
		assertThat(review.isWaiting(scheduled.getId()).block()).isTrue();
	}

	@Test
	void aBadCoverOrTooManyTagsIsARefusalInTheEditorNeverAServerError() {
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		editor.post("/posts", "title", "A javascript cover", "body", "Text.", "coverImage", "javascript:alert(1)", "action", "save")
			.expectStatus().isBadRequest()
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("A cover image is an image from the library (/media/…) or an https:// address of an image."));
		assertThat(repository.findBySlug("a-javascript-cover").block()).isNull();

		StringBuilder tags = new StringBuilder();
		for (int i = 1; i <= 21; i++) {
			tags.append("Portal capped tag ").append(i).append(", ");
		}
		editor.post("/posts", "title", "Too many tags in the portal", "body", "Text.", "tags", tags.toString(), "action", "save")
			.expectStatus().isBadRequest()
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("A post has at most 20 tags; this one names 21."));
		assertThat(repository.findBySlug("too-many-tags-in-the-portal").block()).isNull();
	}

	private static String location(WebTestClient.ResponseSpec response) {
		return response.expectStatus().is3xxRedirection().returnResult(Void.class).getResponseHeaders().getLocation().toString();
	}
}
