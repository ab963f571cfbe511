package org.drugsandcrime.blog.admin.post;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.page.Page;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageRepository;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.taxonomy.Category;
import org.drugsandcrime.blog.core.taxonomy.CategoryRepository;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts and pages to the trash and back, deleted for good only from it; the posts list's bulk actions. */
@PortalTest
class TrashAndBulkTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostRepository repository;

	@Autowired
	PublishedPosts published;

	@Autowired
	Trash trash;

	@Autowired
	org.drugsandcrime.blog.core.post.PostPublishing publishing;

	@Autowired
	PageEditing pageEditing;

	@Autowired
	PageRepository pages;

	@Autowired
	CategoryRepository categories;

	@Autowired
	AuditLog audit;

	Portal editor;

	@BeforeEach
	void signIn() {
		editor = Portal.signIn(web, staff.create(Role.EDITOR));
	}

	@Test
	void anEditorTrashesALivePostRestoresItLiveAndDeletesItForGoodOnlyFromTheTrash() {
		Post post = posts.draft("Trash me " + System.nanoTime()).publish();

		editor.post("/posts/" + post.getId() + "/delete").expectStatus().isEqualTo(409);
		assertThat(repository.findById(post.getId()).block()).as("nothing live is deleted by one press").isNotNull();

		editor.post("/posts/" + post.getId() + "/trash").expectStatus().is3xxRedirection()
			.expectHeader().location("/posts?done=trashed");
		assertThat(published.bySlug(post.getSlug()).block()).isNull();
		assertThat(editor.page("/posts")).doesNotContain(post.getTitle());
		assertThat(editor.page("/posts?state=trash")).contains(post.getTitle()).contains("Empty the trash");

		editor.post("/posts/" + post.getId() + "/restore").expectStatus().is3xxRedirection()
			.expectHeader().location("/posts?state=trash&done=restored");
		assertThat(published.bySlug(post.getSlug()).block()).as("live again").isNotNull();

		editor.post("/posts/" + post.getId() + "/trash").expectStatus().is3xxRedirection();
		editor.post("/posts/" + post.getId() + "/delete").expectStatus().is3xxRedirection()
			.expectHeader().location("/posts?state=trash&done=deleted");
		assertThat(repository.findById(post.getId()).block()).isNull();
		editor.post("/posts/" + post.getId() + "/delete").expectStatus().isNotFound();
		editor.post("/posts/999999999/trash").expectStatus().isNotFound();
		editor.post("/posts/abc/trash").expectStatus().value(status -> assertThat(status).isBetween(400, 499));

		assertThat(actionsOn(post.getId())).contains("post.trash", "post.untrash", "post.delete");
	}

	@Test
	void emptyingTheTrashIsForEditorsAndSaysHowManyWentForGood() {
		Post first = posts.draft("Emptied one").save();
		Post second = posts.draft("Emptied two").save();
		trash.trashPost(first.getId()).block();
		trash.trashPost(second.getId()).block();
		Portal author = Portal.signIn(web, staff.create(Role.AUTHOR));
		author.post("/posts/trash/empty").expectStatus().isForbidden();

		String location = editor.post("/posts/trash/empty").expectStatus().is3xxRedirection().expectBody(String.class)
			.returnResult().getResponseHeaders().getLocation().toString();

		assertThat(location).startsWith("/posts?state=trash&done=emptied&n=");
		assertThat(Long.parseLong(location.replaceAll("^.*n=", ""))).isGreaterThanOrEqualTo(2);
		assertThat(repository.findById(first.getId()).block()).isNull();
		assertThat(repository.findById(second.getId()).block()).isNull();
		assertThat(actionsOn(first.getId())).contains("post.delete");
	}

	@Test
	void authorsTrashAndRestoreTheirOwnDraftsOnlyAndDeleteNothing() {
		StaffUser writer = staff.create(Role.AUTHOR);
		Portal author = Portal.signIn(web, writer);
		Post ownDraft = posts.draft("My own draft").by(writer).save();
		Post ownLive = posts.draft("My own live post").by(writer).publish();
		Post othersDraft = posts.draft("Someone else's draft").save();

		author.post("/posts/" + ownLive.getId() + "/trash").expectStatus().isForbidden();
		author.post("/posts/" + othersDraft.getId() + "/trash").expectStatus().isForbidden();
		assertThat(published.bySlug(ownLive.getSlug()).block()).isNotNull();

		author.post("/posts/" + ownDraft.getId() + "/trash").expectStatus().is3xxRedirection();
		String authorsTrash = author.page("/posts?state=trash");
		assertThat(authorsTrash).contains("My own draft").doesNotContain("Empty the trash").doesNotContain("Delete for good");
		author.post("/posts/" + ownDraft.getId() + "/delete").expectStatus().isForbidden();
		author.post("/posts/" + ownDraft.getId() + "/restore").expectStatus().is3xxRedirection();
		assertThat(trash.post(ownDraft.getId()).block().trashed()).isFalse();

		// An editor trashed the author's live post: restoring would publish it, which authors may not do.
		editor.post("/posts/" + ownLive.getId() + "/trash").expectStatus().is3xxRedirection();
		author.post("/posts/" + ownLive.getId() + "/restore").expectStatus().isForbidden();
		assertThat(author.page("/posts?state=trash")).doesNotContain("aria-label=\"Restore My own live post\"");
	}

	@Test
	void aTrashedPostCannotBeSavedOrPublishedFromAnEditorLeftOpen() {
		Post post = posts.draft("Left open " + System.nanoTime()).save();
		trash.trashPost(post.getId()).block();

		editor.post("/posts/" + post.getId(), "title", post.getTitle(), "body", "Text.", "action", "publish")
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("This post is in the trash: restore it to change it."));
		assertThat(published.bySlug(post.getSlug()).block()).isNull();
		assertThat(trash.post(post.getId()).block().trashed()).isTrue();
	}

	@Test
	void theTrashAsksFirstWherePostsAreDestroyed() {
		Post post = posts.draft("Asked about " + System.nanoTime()).save();
		assertThat(editor.page("/posts")).contains("data-confirm=\"Move “" + post.getTitle() + "” to the trash?");
		assertThat(editor.page("/posts/" + post.getId() + "/edit")).contains("data-confirm=\"Move this post to the trash?");
		trash.trashPost(post.getId()).block();
		assertThat(editor.page("/posts?state=trash")).contains("data-confirm=\"Delete “" + post.getTitle() + "” for good")
			.contains("data-confirm=\"Delete every post in the trash for good");
	}

	@Test
	void theNewActionsRefuseAFormWithoutItsCsrfToken() {
		Post post = posts.draft("Cross-site " + System.nanoTime()).save();
		editor.postWithoutToken("/posts/" + post.getId() + "/trash", Portal.form()).expectStatus().isForbidden();
		editor.postWithoutToken("/posts/bulk", Portal.form("ids", post.getId().toString(), "action", "trash"))
			.expectStatus().isForbidden();
		assertThat(trash.post(post.getId()).block().trashed()).isFalse();
	}

	@Test
	void anEditorPublishesTwoDraftsAtOnceAndReadersSeeBoth() {
		Post first = posts.draft("Bulk one " + System.nanoTime()).save();
		Post second = posts.draft("Bulk two " + System.nanoTime()).save();

		editor.post("/posts/bulk", bulk("publish", first, second)).expectStatus().is3xxRedirection()
			.expectHeader().location("/posts?state=draft&done=published&n=2");

		assertThat(published.bySlug(first.getSlug()).block()).isNotNull();
		assertThat(published.bySlug(second.getSlug()).block()).isNotNull();
		assertThat(actionsOn(first.getId())).contains("post.publish", "post.went-live");
		assertThat(publishing.emailsSubscribers(first.getId()).block()).as("the box was not ticked").isFalse();
		Post third = posts.draft("Bulk three " + System.nanoTime()).save();
		MultiValueMap<String, String> withMail = bulk("publish", third);
		withMail.set("email", "on");
		editor.post("/posts/bulk", withMail).expectHeader().location("/posts?state=draft&done=published&n=1");
		assertThat(publishing.emailsSubscribers(third.getId()).block()).isTrue();
		editor.post("/posts/bulk", bulk("publish", first, second)).expectHeader()
			.location("/posts?state=draft&done=published&n=0");
	}

	@Test
	void anEditorUnpublishesTrashesAndSetsTheCategoryOfTickedPosts() {
		Post first = posts.draft("Bulk live one").category("On Probation").tag("kept").publish();
		Post second = posts.draft("Bulk live two").publish();
		Category category = categories.findAllByName().filter(c -> c.name().equals("On Probation")).blockFirst();

		MultiValueMap<String, String> setCategory = bulk("category", first, second);
		setCategory.set("category", category.id().toString());
		editor.post("/posts/bulk", setCategory).expectHeader().location("/posts?state=draft&done=category-set&n=1");
		assertThat(published.bySlug(second.getSlug()).block().categories()).extracting(l -> l.name()).containsExactly("On Probation");

		editor.post("/posts/bulk", bulk("unpublish", first, second)).expectHeader()
			.location("/posts?state=draft&done=unpublished&n=2");
		assertThat(published.bySlug(first.getSlug()).block()).isNull();

		editor.post("/posts/bulk", bulk("trash", first, second)).expectHeader().location("/posts?state=draft&done=trashed-many&n=2");
		assertThat(trash.post(first.getId()).block().trashed()).isTrue();
		editor.post("/posts/bulk", bulk("publish", first)).expectHeader().location("/posts?state=draft&done=published&n=0");
		assertThat(published.bySlug(first.getSlug()).block()).as("the trash is left alone").isNull();
	}

	@Test
	void bulkWorkIsForEditorsAndBadFormsAreRefusedPolitely() {
		Post post = posts.draft("Not for authors").save();
		Portal author = Portal.signIn(web, staff.create(Role.AUTHOR));
		author.post("/posts/bulk", bulk("publish", post)).expectStatus().isForbidden();
		assertThat(author.page("/posts")).doesNotContain("/posts/bulk");
		assertThat(published.bySlug(post.getSlug()).block()).isNull();

		editor.post("/posts/bulk", Portal.form("action", "publish", "from", "draft")).expectHeader()
			.location("/posts?state=draft&done=none-ticked");
		editor.post("/posts/bulk", bulk("explode", post)).expectStatus().isBadRequest();
		editor.post("/posts/bulk", Portal.form("ids", "abc", "action", "publish")).expectStatus().isBadRequest();
		MultiValueMap<String, String> noCategory = bulk("category", post);
		noCategory.set("category", "999999999");
		editor.post("/posts/bulk", noCategory).expectStatus().isBadRequest();
		editor.post("/posts/bulk", bulk("trash", post)).expectStatus().is3xxRedirection();
		assertThat(editor.page("/posts?from=x&done=trashed-many&n=1")).contains("1 post moved to the trash.");
	}

	@Test
	void anEditorTrashesAPageRestoresItAndDeletesItForGoodOnlyFromTheTrash() {
		Page page = pageEditing.save(null, "About " + System.nanoTime(), null, "Who we are.", PageStatus.PUBLISHED, null, null,
				null).block();
		editor.post("/pages/" + page.id() + "/delete").expectStatus().isEqualTo(409);

		editor.post("/pages/" + page.id() + "/trash").expectStatus().is3xxRedirection().expectHeader().location("/pages?done=trashed");
		assertThat(pages.findPublishedBySlug(page.slug()).block()).isNull();
		editor.post("/pages/" + page.id(), "title", page.title(), "body", "Back?", "action", "publish").expectStatus().isEqualTo(409);
		assertThat(pages.findPublishedBySlug(page.slug()).block()).isNull();

		editor.post("/pages/" + page.id() + "/restore").expectStatus().is3xxRedirection().expectHeader().location("/pages?done=restored");
		assertThat(pages.findPublishedBySlug(page.slug()).block()).isNotNull();

		editor.post("/pages/" + page.id() + "/trash").expectStatus().is3xxRedirection();
		editor.post("/pages/" + page.id() + "/delete").expectStatus().is3xxRedirection().expectHeader().location("/pages?done=deleted");
		assertThat(pages.findById(page.id()).block()).isNull();
		editor.post("/pages/" + page.id() + "/trash").expectStatus().isNotFound();
		Portal.signIn(web, staff.create(Role.AUTHOR)).post("/pages/trash/empty").expectStatus().isForbidden();
		assertThat(actionsOn(page.id())).contains("page.trash", "page.untrash", "page.delete");
	}

	private static MultiValueMap<String, String> bulk(String action, Post... chosen) {
		MultiValueMap<String, String> form = Portal.form("action", action, "from", "draft");
		for (Post post : chosen) {
			form.add("ids", post.getId().toString());
		}
		return form;
	}

	private List<String> actionsOn(long id) {
		return audit.newest(1000).filter(entry -> Long.toString(id).equals(entry.itemId())).map(entry -> entry.action())
			.collectList().block();
	}
}
