package org.drugsandcrime.blog.admin.post;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles are enforced on the server for every action, whatever the pages show. */
@PortalTest
class RolesTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostRepository postRepository;

	/** The terms the editor form names exist, as they would on a real site: authors pick terms, they do not make them. */
	@BeforeEach
	void termsExist() {
		posts.draft("Terms the authors' forms name").category("Payment by Results").tag("pilots").tag("reoffending").save();
	}

	@Test
	void anAuthorGets403OnAnotherAuthorsPost() {
		StaffUser author = staff.create(Role.AUTHOR);
		StaffUser other = staff.create(Role.AUTHOR);
		Post theirs = posts.draft("Someone else's draft").by(other).save();
		Portal portal = Portal.signIn(web, author);
		portal.get("/posts/" + theirs.getId() + "/edit").expectStatus().isForbidden();
		portal.get("/posts/" + theirs.getId() + "/preview").expectStatus().isForbidden();
		portal.get("/posts/" + theirs.getId() + "/revisions").expectStatus().isForbidden();
		portal.post("/posts/" + theirs.getId(), PublishingTests.editorForm("Taken over", "", "save")).expectStatus().isForbidden();
		assertThat(postRepository.findById(theirs.getId()).block().getTitle()).isEqualTo("Someone else's draft");
	}

	@Test
	void anAuthorGets403OnUsersSettingsAndStaffOnlyScreens() {
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		portal.get("/users").expectStatus().isForbidden();
		portal.post("/users", "email", "new@example.org", "displayName", "New", "role", "ADMIN").expectStatus().isForbidden();
		portal.get("/settings").expectStatus().isForbidden();
		portal.post("/settings", "title", "Taken over").expectStatus().isForbidden();
		portal.get("/comments").expectStatus().isForbidden();
		portal.get("/subscribers").expectStatus().isForbidden();
		portal.get("/audit").expectStatus().isForbidden();
	}

	@Test
	void anAuthorWritesOwnPostsButCannotPublishThem() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		String location = portal.post("/posts", PublishingTests.editorForm("My own draft", "", "save"))
			.expectStatus().is3xxRedirection().returnResult(Void.class).getResponseHeaders().getLocation().toString();
		long id = Long.parseLong(location.replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		assertThat(portal.page("/posts/" + id + "/edit")).contains("My own draft").doesNotContain("Publish now");
		portal.post("/posts/" + id, PublishingTests.editorForm("My own draft", "", "publish")).expectStatus().isForbidden();
		assertThat(postRepository.findById(id).block().getStatus().name()).isEqualTo("DRAFT");
	}

	@Test
	void anAuthorSubmitsADraftForReviewAndEditorsSeeItWaiting() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		String title = "Ready for an editor " + System.nanoTime();
		String location = portal.post("/posts", PublishingTests.editorForm(title, "", "submit"))
			.expectStatus().is3xxRedirection().returnResult(Void.class).getResponseHeaders().getLocation().toString();
		assertThat(location).endsWith("?done=submitted");
		long id = Long.parseLong(location.replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		assertThat(portal.page("/posts/" + id + "/edit")).contains("Waiting for an editor's review.");

		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		assertThat(editor.page("/")).contains(title);
		editor.post("/posts/" + id, PublishingTests.editorForm(title, "", "publish")).expectStatus().is3xxRedirection();
		assertThat(editor.page("/posts/" + id + "/edit")).doesNotContain("Waiting for an editor's review.");
	}

	@Test
	void anEditorWorksOnEveryonesPostsButNotOnUsersOrSettings() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post theirs = posts.draft("An author's draft").by(author).save();
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		portal.get("/posts/" + theirs.getId() + "/edit").expectStatus().isOk();
		portal.get("/users").expectStatus().isForbidden();
		portal.get("/settings").expectStatus().isForbidden();
	}
}
