package org.drugsandcrime.blog.admin.post;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostRevisions;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Autosave keeps what staff type without touching the post, and only for those who may edit it. */
@PortalTest
class EditorAutosaveTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostRepository repository;

	@Autowired
	PostRevisions revisions;

	@Autowired
	Site site;

	@Autowired
	Trash trash;

	@Test
	void theFirstAutosaveOfANewPostMakesItADraftAndTellsThePageWhereItLives() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		Map<String, Object> saved = portal.post("/posts/autosave", form("", "The first lines of a draft without a title yet"))
			.expectStatus().isCreated().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(JSON).returnResult().getResponseBody();
		long id = ((Number) saved.get("id")).longValue();
		assertThat(saved).containsEntry("editUrl", "/posts/" + id + "/edit").containsEntry("autosaveUrl", "/posts/" + id + "/autosave")
			.containsEntry("saveUrl", "/posts/" + id);
		assertThat((String) saved.get("savedAt")).matches("\\d\\d:\\d\\d")
			.isEqualTo(site.time().block().clock(Instant.parse((String) saved.get("savedAtInstant"))));
		Post draft = repository.findById(id).block();
		assertThat(draft.getStatus()).isEqualTo(PostStatus.DRAFT);
		assertThat(draft.getAuthorId()).isEqualTo(author.id());
		assertThat(draft.getBodyMarkdown()).isEqualTo("The first lines of a draft without a title yet");
		assertThat(portal.page("/posts/" + id + "/edit")).contains("The first lines of a draft without a title yet");
	}

	@Test
	void anAutosavedEditOfALivePostLeavesTheLivePostAloneAndComesBackInTheEditor() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post live = posts.draft("Live and being edited").body("What readers read.").by(author).publish();
		Portal portal = Portal.signIn(web, author);
		portal.post("/posts/" + live.getId() + "/autosave", form("Live and being edited", "A rewrite in progress"))
			.expectStatus().isOk().expectBody(JSON).value(saved -> assertThat(saved).containsEntry("id", live.getId().intValue()));

		Post stored = repository.findById(live.getId()).block();
		assertThat(stored.getBodyMarkdown()).isEqualTo("What readers read.");
		assertThat(stored.getUpdatedAt()).isEqualTo(live.getUpdatedAt());
		assertThat(revisions.of(live.getId()).collectList().block()).isEmpty();
		assertThat(portal.page("/posts/" + live.getId() + "/edit")).contains("A rewrite in progress")
			.contains("The text autosaved at").doesNotContain(">What readers read.<");
	}

	@Test
	void autosavingAgainKeepsOneSlotAndNoRevisions() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post draft = posts.draft("Autosaved many times").body("Start.").by(author).save();
		Portal portal = Portal.signIn(web, author);
		for (int i = 1; i <= 5; i++) {
			portal.post("/posts/" + draft.getId() + "/autosave", form("Autosaved many times", "Version " + i)).expectStatus().isOk();
		}
		assertThat(revisions.of(draft.getId()).collectList().block()).isEmpty();
		assertThat(portal.page("/posts/" + draft.getId() + "/edit")).contains("Version 5").doesNotContain("Version 4");
	}

	@Test
	void savingThePostRetiresTheAutosaveAndDiscardingShowsThePostAsLastSaved() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post draft = posts.draft("Retired autosave").body("Saved text.").by(author).save();
		Portal portal = Portal.signIn(web, author);
		portal.post("/posts/" + draft.getId() + "/autosave", form("Retired autosave", "Autosaved text.")).expectStatus().isOk();
		portal.post("/posts/" + draft.getId() + "/autosave/discard").expectStatus().is3xxRedirection()
			.expectHeader().location("/posts/" + draft.getId() + "/edit?done=autosave-discarded");
		assertThat(portal.page("/posts/" + draft.getId() + "/edit")).contains("Saved text.").doesNotContain("Autosaved text.")
			.doesNotContain("The text autosaved at");

		portal.post("/posts/" + draft.getId() + "/autosave", form("Retired autosave", "Autosaved again.")).expectStatus().isOk();
		MultiValueMap<String, String> save = form("Retired autosave", "Saved for real.");
		save.add("action", "save");
		portal.post("/posts/" + draft.getId(), save)
			.expectStatus().is3xxRedirection();
		assertThat(portal.page("/posts/" + draft.getId() + "/edit")).contains("Saved for real.").doesNotContain("Autosaved again.")
			.doesNotContain("The text autosaved at");
	}

	@Test
	void anAuthorCannotAutosaveOrDiscardAnotherAuthorsPost() {
		Post theirs = posts.draft("Not yours to autosave").body("Theirs.").by(staff.create(Role.AUTHOR)).save();
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		portal.post("/posts/" + theirs.getId() + "/autosave", form("Taken", "Mine now")).expectStatus().isForbidden();
		portal.post("/posts/" + theirs.getId() + "/autosave/discard").expectStatus().isForbidden();
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		editor.post("/posts/" + theirs.getId() + "/autosave", form("Not yours to autosave", "An editor's tidy-up"))
			.expectStatus().isOk();
	}

	@Test
	void aPostInTheTrashIsNotAutosaved() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post draft = posts.draft("Trashed while open").body("Before the trash.").by(author).save();
		trash.trashPost(draft.getId()).block();
		Portal portal = Portal.signIn(web, author);
		portal.post("/posts/" + draft.getId() + "/autosave", form("Trashed while open", "After the trash")).expectStatus()
			.isEqualTo(409).expectBody(JSON).value(answer -> assertThat((String) answer.get("error")).contains("in the trash"));
	}

	@Test
	void autosaveWithoutTheCsrfTokenIsRefused() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post draft = posts.draft("Cross-site autosave").by(author).save();
		Portal portal = Portal.signIn(web, author);
		portal.postWithoutToken("/posts/" + draft.getId() + "/autosave", form("Cross-site autosave", "forged"))
			.expectStatus().isForbidden();
		portal.postWithoutToken("/posts/autosave", form("Forged new post", "forged")).expectStatus().isForbidden();
		portal.post("/posts/" + draft.getId() + "/autosave", form("Cross-site autosave", "kept")).expectStatus().isOk();
		portal.postWithoutToken("/posts/" + draft.getId() + "/autosave/discard", Portal.form()).expectStatus().isForbidden();
		assertThat(portal.page("/posts/" + draft.getId() + "/edit")).contains("kept");
	}

	@Test
	void badAutosavesAreClientErrorsNeverServerErrors() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		portal.post("/posts/999999999/autosave", form("Nobody", "nothing")).expectStatus().isNotFound();
		portal.post("/posts/abc/autosave", form("Nobody", "nothing")).expectStatus().isBadRequest();
		portal.post("/posts/autosave", form("x".repeat(301), "A title too long")).expectStatus().isBadRequest()
			.expectBody(JSON).value(answer -> assertThat((String) answer.get("error")).contains("Titles are at most 300"));
		portal.post("/posts/autosave", form("Too long", "x".repeat(PostForm.MAX_BODY_LENGTH + 1))).expectStatus().isBadRequest();
	}

	static MultiValueMap<String, String> form(String title, String body) {
		return Portal.form("title", title, "slug", "", "body", body, "excerpt", "", "categories", "", "tags", "",
				"series", "", "seriesPosition", "", "coverImage", "", "seoDescription", "");
	}
}
