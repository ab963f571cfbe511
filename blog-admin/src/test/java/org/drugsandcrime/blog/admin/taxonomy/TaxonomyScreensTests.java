package org.drugsandcrime.blog.admin.taxonomy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.taxonomy.CategoryRepository;
import org.drugsandcrime.blog.core.taxonomy.TagRepository;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class TaxonomyScreensTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostRepository postRepository;

	@Autowired
	CategoryRepository categories;

	@Autowired
	TagRepository tags;

	@Autowired
	Redirects redirects;

	Portal portal;

	@BeforeEach
	void signIn() {
		portal = Portal.signIn(web, staff.create(Role.EDITOR));
	}

	@Test
	void aCategoryIsCreatedAndRenamedKeepingItsAddress() {
		portal.post("/taxonomy/category", "name", "Drug Policy Reform").expectStatus().is3xxRedirection();
		long id = categories.findBySlug("drug-policy-reform").block().id();
		portal.post("/taxonomy/category/" + id + "/rename", "name", "Drug policy").expectStatus().is3xxRedirection();
		assertThat(categories.findById(id).block().name()).isEqualTo("Drug policy");
		assertThat(categories.findById(id).block().slug()).isEqualTo("drug-policy-reform");
		assertThat(portal.page("/taxonomy/category")).contains("Drug policy");
	}

	@Test
	void aCategoryInUseIsDeletedOnlyByMovingItsPostsElsewhere() {
		Post post = posts.draft("Probation caseloads").category("Caseload Watch").publish();
		long doomed = categories.findBySlug("caseload-watch").block().id();
		portal.post("/taxonomy/category", "name", "Probation Matters").expectStatus().is3xxRedirection();
		long keeper = categories.findBySlug("probation-matters").block().id();

		portal.post("/taxonomy/category/" + doomed + "/delete").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("is used by 1 post: choose a category to move them to"));
		assertThat(postRepository.categoryNamesOf(post.getId()).collectList().block()).containsExactly("Caseload Watch");

		portal.post("/taxonomy/category/" + doomed + "/delete", "reassignTo", Long.toString(keeper)).expectStatus().is3xxRedirection();
		assertThat(categories.findById(doomed).blockOptional()).isEmpty();
		assertThat(postRepository.categoryNamesOf(post.getId()).collectList().block()).containsExactly("Probation Matters");
		assertThat(redirects.target("/category/caseload-watch").block()).isEqualTo("/category/probation-matters");
	}

	@Test
	void mergingTagsMovesEveryPostAndLeavesOne() {
		Post a = posts.draft("Tagged once").tag("PbR").publish();
		Post b = posts.draft("Tagged twice").tag("PbR").tag("Payment by results").publish();
		long from = tags.findBySlug("pbr").block().id();
		long into = tags.findBySlug("payment-by-results").block().id();
		portal.post("/taxonomy/tag/" + from + "/merge", "into", Long.toString(into)).expectStatus().is3xxRedirection();
		assertThat(tags.findById(from).blockOptional()).isEmpty();
		assertThat(postRepository.tagNamesOf(a.getId()).collectList().block()).isEqualTo(List.of("Payment by results"));
		assertThat(postRepository.tagNamesOf(b.getId()).collectList().block()).isEqualTo(List.of("Payment by results"));
		assertThat(postRepository.findById(a.getId()).block().getTagNames()).isEqualTo("Payment by results");
	}

	@Test
	void unknownKindsAndIdsAre404AndEmptyNamesAMessage() {
		portal.get("/taxonomy/colour").expectStatus().isNotFound();
		portal.post("/taxonomy/tag/999999999/rename", "name", "Nothing").expectStatus().isNotFound();
		portal.post("/taxonomy/series", "name", "  ").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("A name needs at least one letter or digit."));
		portal.post("/taxonomy/tag/1/merge", "into", "not-a-number").expectStatus().isBadRequest();
	}
}
