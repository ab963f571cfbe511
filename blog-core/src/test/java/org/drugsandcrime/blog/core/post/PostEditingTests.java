package org.drugsandcrime.blog.core.post;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.taxonomy.CategoryRepository;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BlogTest
class PostEditingTests {

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PostRepository repository;

	@Autowired
	PostRevisions revisions;

	@Autowired
	Redirects redirects;

	@Autowired
	StaffUserRepository users;

	@Autowired
	CategoryRepository categories;

	@Autowired
	DatabaseClient database;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void slugsComeFromTitlesAndCollisionsGetANumber() {
		Post first = posts.draft("Slug collision: the lessons from justice reinvestment").save();
		Post second = posts.draft("Slug collision: the lessons from justice reinvestment").save();
		Post third = posts.draft("Slug collision – the lessons from justice reinvestment!").save();
		assertThat(first.getSlug()).isEqualTo("slug-collision-the-lessons-from-justice-reinvestment");
		assertThat(second.getSlug()).isEqualTo(first.getSlug() + "-2");
		assertThat(third.getSlug()).isEqualTo(first.getSlug() + "-3");
	}

	@Test
	void savingAgainKeepsTheSlugOfAPostThatHasGoneOutUnlessStaffChangeIt() {
		Post post = posts.draft("A stable slug for probation news").publish();
		Post edited = editing.save(posts.draft("A new title for probation news").toDraft(post.getId()), null).block();
		assertThat(edited.getSlug()).isEqualTo("a-stable-slug-for-probation-news");
	}

	@Test
	void aDraftsSlugMadeFromItsTitleFollowsTheTitleUntilItGoesOut() {
		Post post = posts.draft("Prob").save();
		Post retitled = editing.save(posts.draft("Probation caseloads in 2026").slug("prob").toDraft(post.getId()), null)
			.block();
		assertThat(retitled.getSlug()).isEqualTo("probation-caseloads-in-2026");
	}

	@Test
	void aNewPostGetsTheSlugStaffChose() {
		assertThat(posts.draft("A title unlike its address").slug("chosen-address-for-a-new-post").save().getSlug())
			.isEqualTo("chosen-address-for-a-new-post");
	}

	@Test
	void aSlugStaffChoseForADraftStaysWhenTheTitleChanges() {
		Post post = posts.draft("Chosen slug draft").slug("my-own-address").save();
		Post retitled = editing.save(posts.draft("Another title for the chosen slug draft").slug("my-own-address")
			.toDraft(post.getId()), null).block();
		assertThat(retitled.getSlug()).isEqualTo("my-own-address");
	}

	@Test
	void anAuthorNamesExistingTermsOnlyAndAnUnknownOneIsRefusedWithNothingSaved() {
		StaffUser author = posts.author("Term picking author");
		posts.draft("Term source post").category("Known category for authors").tag("Known tag for authors").save();
		PostDraft allKnown = posts.draft("Author uses known terms").by(author).category("known category for authors")
			.tag("Known tag for authors").toDraft(null);
		assertThat(editing.save(allKnown, author.id()).block().getId()).isNotNull();

		PostDraft unknown = posts.draft("Author invents terms").by(author).category("Invented category xyz")
			.tag("Known tag for authors").tag("Invented tag xyz").toDraft(null);
		assertThatThrownBy(() -> editing.save(unknown, author.id()).block()).isInstanceOf(InvalidPostException.class)
			.hasMessageContaining("“Invented category xyz” is not a category yet.")
			.hasMessageContaining("“Invented tag xyz” is not a tag yet.")
			.hasMessageNotContaining("Known tag for authors");
		assertThat(repository.findBySlug("author-invents-terms").block()).isNull();
		assertThat(categories.findBySlug("invented-category-xyz").block()).isNull();

		PostDraft unknownSeries = posts.draft("Author invents a series").by(author).series("Invented series xyz", 1)
			.toDraft(null);
		assertThatThrownBy(() -> editing.save(unknownSeries, author.id()).block()).isInstanceOf(InvalidPostException.class)
			.hasMessageContaining("“Invented series xyz” is not a series yet.");
	}

	@Test
	void editorsAndAdminsNameNewTermsAndSoCreateThem() {
		StaffUser editor = staffMember(Role.EDITOR);
		Post post = editing.save(posts.draft("Editor invents terms").category("Editor made category xyz").toDraft(null),
				editor.id()).block();
		assertThat(repository.categoryNamesOf(post.getId()).collectList().block()).containsExactly("Editor made category xyz");
		Post another = editing.save(posts.draft("Admin invents terms").tag("Admin made tag xyz").toDraft(null),
				staffMember(Role.ADMIN).id()).block();
		assertThat(repository.tagNamesOf(another.getId()).collectList().block()).containsExactly("Admin made tag xyz");
	}

	@Test
	void tagsAndCategoriesPerPostAreCappedForEditorsTooBeforeAnyTermIsCreated() {
		StaffUser editor = staffMember(Role.EDITOR);
		Posts.Builder tooManyTags = posts.draft("Too many tags");
		for (int i = 1; i <= 21; i++) {
			tooManyTags.tag("Capped tag " + i);
		}
		assertThatThrownBy(() -> editing.save(tooManyTags.toDraft(null), editor.id()).block())
			.isInstanceOf(InvalidPostException.class)
			.hasMessage("A post has at most 20 tags; this one names 21.");
		assertThat(count("SELECT count(*) FROM tags WHERE slug LIKE 'capped-tag-%'")).isZero();
		assertThat(repository.findBySlug("too-many-tags").block()).isNull();

		// The same name twice is one tag.
		Posts.Builder twenty = posts.draft("Twenty tags").tag("Capped tag 1");
		for (int i = 1; i <= 20; i++) {
			twenty.tag("Capped tag " + i);
		}
		assertThat(repository.tagNamesOf(editing.save(twenty.toDraft(null), editor.id()).block().getId()).count().block())
			.isEqualTo(20);

		Posts.Builder tooManyCategories = posts.draft("Too many categories");
		for (int i = 1; i <= 11; i++) {
			tooManyCategories.category("Capped category " + i);
		}
		assertThatThrownBy(() -> editing.save(tooManyCategories.toDraft(null), null).block())
			.isInstanceOf(InvalidPostException.class)
			.hasMessage("A post is in at most 10 categories; this one names 11.");
		assertThat(count("SELECT count(*) FROM categories WHERE slug LIKE 'capped-category-%'")).isZero();
	}

	@Test
	void aTermNameLongerThanATermMayBeIsRefused() {
		assertThatThrownBy(() -> editing.save(posts.draft("An overlong tag").tag("t".repeat(101)).toDraft(null),
				staffMember(Role.EDITOR).id()).block())
			.isInstanceOf(InvalidPostException.class)
			.hasMessage("Names of categories, tags and series are at most 100 characters.");
	}

	private StaffUser staffMember(Role role) {
		long n = System.nanoTime();
		return users.save(new StaffUser(null, "staff" + n + "@example.org", role + " " + n, "staff-" + n, "", null, role, null,
				null, true, Instant.now())).block();
	}

	private long count(String sql) {
		return database.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	@Test
	void nonAsciiTitlesGetReadableSlugs() {
		Post accented = posts.draft("Café society in Zürich’s harm-reduction rooms").save();
		Post cyrillic = posts.draft("Пробация и рецидив в Москве").save();
		assertThat(accented.getSlug()).isEqualTo("cafe-society-in-zurichs-harm-reduction-rooms");
		assertThat(cyrillic.getSlug()).isEqualTo("пробация-и-рецидив-в-москве");
		assertThat(repository.findBySlug("пробация-и-рецидив-в-москве").block()).isNotNull();
	}

	@Test
	void bodiesAreRenderedAndSanitisedWhenSaved() {
		Post post = posts.draft("Rendered on write").body("**Bold** claim <script>alert(1)</script><img src=x onerror=alert(2)>").save();
		Post stored = repository.findById(post.getId()).block();
		assertThat(stored.getBodyHtml()).contains("<strong>Bold</strong>").doesNotContain("<script").doesNotContain("onerror");
		assertThat(stored.getBodyText()).contains("Bold claim");
		assertThat(stored.getExcerpt()).startsWith("Bold claim");
	}

	@Test
	void editsKeepThePreviousTextAsARevisionThatCanBeRestored() {
		Post post = posts.draft("Revision subject").body("First version.").save();
		PostDraft edit = new PostDraft(post.getId(), "Revision subject", null, "Second version.", null, null, null, null,
				null, false, null, null, post.getAuthorId());
		editing.save(edit, null).block();
		var history = revisions.of(post.getId()).collectList().block();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).bodyMarkdown()).isEqualTo("First version.");

		Post restored = revisions.restore(post.getId(), history.get(0).id(), null).block().post();
		assertThat(restored.getBodyMarkdown()).isEqualTo("First version.");
		assertThat(revisions.of(post.getId()).collectList().block()).hasSize(2);
	}

	@Test
	void changingTheSlugOfALivePostLeavesARedirect() {
		Post post = posts.draft("Old slug for a live post").publish();
		PostDraft edit = new PostDraft(post.getId(), post.getTitle(), "new-slug-for-a-live-post", post.getBodyMarkdown(),
				null, null, null, null, null, false, null, null, post.getAuthorId());
		editing.save(edit, null).block();
		assertThat(redirects.target("/posts/old-slug-for-a-live-post").block()).isEqualTo("/posts/new-slug-for-a-live-post");
	}

	@Test
	void postsNeedATitle() {
		assertThatThrownBy(() -> editing.save(posts.draft("  ").toDraft(null), null).block())
			.isInstanceOf(InvalidPostException.class);
	}

	@Test
	void editingAPostThatDoesNotExistIsNotFound() {
		assertThatThrownBy(() -> editing.save(posts.draft("Ghost").toDraft(999_999_999L), null).block())
			.isInstanceOf(PostNotFoundException.class);
	}
}
