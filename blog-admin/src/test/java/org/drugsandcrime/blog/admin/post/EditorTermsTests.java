package org.drugsandcrime.blog.admin.post;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.taxonomy.TagRepository;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Categories, tags and series are picked from the existing ones; only editors make new ones, on the server too. */
@PortalTest
class EditorTermsTests {

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
	TagRepository tags;

	@Test
	void suggestionsComeFromExistingTermsThoseStartingWithTheTypedTextFirst() {
		posts.draft("Terms to suggest").tag("Zebra probation").tag("Zebranomics").tag("Prezebra").category("Zebra category").save();
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		Map<String, Object> answer = portal.get("/posts/terms?kind=tag&q=zebra").expectStatus().isOk().expectBody(JSON)
			.returnResult().getResponseBody();
		@SuppressWarnings("unchecked")
		List<String> terms = (List<String>) answer.get("terms");
		assertThat(terms).containsSubsequence("Zebra probation", "Prezebra").contains("Zebranomics").doesNotContain("Zebra category");
		assertThat(answer).containsEntry("exists", false).containsEntry("mayCreate", false);
		assertThat(portal.get("/posts/terms?kind=tag&q=zebra PROBATION").expectBody(JSON).returnResult().getResponseBody())
			.containsEntry("exists", true);
		assertThat(Portal.signIn(web, staff.create(Role.EDITOR)).get("/posts/terms?kind=category&q=zeb").expectBody(JSON)
			.returnResult().getResponseBody()).containsEntry("mayCreate", true).containsEntry("terms", List.of("Zebra category"));
	}

	@Test
	void wildcardsInTheTypedTextAreTakenLiterally() {
		posts.draft("Wildcard terms").tag("100% recovery").tag("Tag_with_underscore").save();
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		assertThat(portal.get("/posts/terms?kind=tag&q=%").expectBody(JSON).returnResult().getResponseBody().get("terms"))
			.isEqualTo(List.of("100% recovery"));
	}

	@Test
	void askingForAnUnknownKindOrAnOverlongNameIsABadRequest() {
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		portal.get("/posts/terms?kind=users&q=a").expectStatus().isBadRequest();
		portal.get("/posts/terms").expectStatus().isBadRequest();
		portal.get("/posts/terms?kind=tag&q=" + "a".repeat(201)).expectStatus().isBadRequest();
	}

	@Test
	void anAuthorNamingAnUnknownTagGetsAClearErrorAndNoNewTag() {
		posts.draft("Existing terms for authors").category("Payment by Results").tag("pilots").save();
		StaffUser author = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, author);
		String tag = "Author invented tag " + System.nanoTime();
		portal.post("/posts", "title", "An author's invention", "body", "Text.", "categories", "Payment by Results",
				"tags", "pilots, " + tag, "action", "save")
			.expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("“" + tag + "” is not a tag yet.")
				.contains("only an editor can create new ones"));
		assertThat(tags.findAllByName().filter(found -> found.name().equals(tag)).hasElements().block()).isFalse();

		Post own = posts.draft("An author's existing post").by(author).save();
		portal.post("/posts/" + own.getId(), "title", "An author's existing post", "body", "Text.", "series",
				"Invented series " + System.nanoTime(), "action", "save").expectStatus().isBadRequest();
		assertThat(repository.findById(own.getId()).block().getSeriesId()).isNull();
	}

	@Test
	void anEditorNamingANewTagCreatesIt() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		String tag = "Editor invented tag " + System.nanoTime();
		portal.post("/posts", "title", "An editor's invention", "body", "Text.", "tags", tag, "action", "save")
			.expectStatus().is3xxRedirection();
		assertThat(tags.findAllByName().filter(found -> found.name().equals(tag)).hasElements().block()).isTrue();
	}

	@Test
	void theEditorPageTellsAuthorsTheyPickTermsAndLoadsTheEditorScript() {
		String page = Portal.signIn(web, staff.create(Role.AUTHOR)).page("/posts/new");
		assertThat(page).contains("data-terms=\"tag\"").contains("data-may-create=\"false\"")
			.contains("only editors add new ones").contains("/editor.js").contains("data-autosave=\"/posts/autosave\"");
		assertThat(Portal.signIn(web, staff.create(Role.EDITOR)).page("/posts/new")).contains("data-may-create=\"true\"")
			.doesNotContain("only editors add new ones");
	}
}
