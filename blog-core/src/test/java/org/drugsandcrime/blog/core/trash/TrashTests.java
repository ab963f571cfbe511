package org.drugsandcrime.blog.core.trash;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.change.ContentVersion;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.feed.FeedEntries;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.feed.SitemapEntries;
import org.drugsandcrime.blog.core.feed.SitemapPost;
import org.drugsandcrime.blog.core.page.Page;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageRepository;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.EditorialPosts;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.search.PostSearch;
import org.drugsandcrime.blog.core.search.SearchHit;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class TrashTests {

	@Autowired
	Trash trash;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PostRepository repository;

	@Autowired
	PublishedPosts published;

	@Autowired
	PostSearch search;

	@Autowired
	FeedEntries feeds;

	@Autowired
	SitemapEntries sitemaps;

	@Autowired
	EditorialPosts editorial;

	@Autowired
	PostComments comments;

	@Autowired
	PageEditing pageEditing;

	@Autowired
	PageRepository pages;

	@Autowired
	ContentVersion version;

	@Autowired
	StaffUserRepository users;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void aTrashedPostLeavesThePostPageFeedsSitemapsSearchAndListsAndComesBackLiveUnderItsOldDate() {
		String word = "quokka" + System.nanoTime();
		Post post = posts.draft("Trashing the " + word + " report").body("All about the " + word + ".").category("On Probation").publish();
		assertThat(everywhere(post, word)).containsOnly(true);
		long before = version.current();

		assertThat(trash.trashPost(post.getId()).block()).isTrue();

		assertThat(version.current()).as("announced, so caches forget").isNotEqualTo(before);
		assertThat(everywhere(post, word)).containsOnly(false);
		assertThat(trash.post(post.getId()).block().trashed()).isTrue();
		assertThat(editorial.list(new EditorialPosts.Filter(null, null, null, word), 1, 10).block().rows())
			.as("the editorial list, every state").isEmpty();
		assertThat(trash.posts(null, 1000).block()).extracting(Trash.TrashedPost::id).contains(post.getId());
		assertThat(trash.trashPost(post.getId()).block()).as("twice").isFalse();

		long trashed = version.current();
		assertThat(trash.restorePost(post.getId()).block()).isTrue();

		assertThat(version.current()).isNotEqualTo(trashed);
		assertThat(everywhere(post, word)).containsOnly(true);
		Post restored = repository.findById(post.getId()).block();
		assertThat(restored.getStatus()).isEqualTo(PostStatus.PUBLISHED);
		assertThat(restored.getPublishedAt()).isEqualTo(post.getPublishedAt());
		assertThat(restored.getSlug()).isEqualTo(post.getSlug());
		assertThat(trash.restorePost(post.getId()).block()).as("twice").isFalse();
	}

	@Test
	void aScheduledPostAndADraftComeBackAsTheyWere() {
		Post scheduled = posts.draft("Scheduled, then trashed").scheduleIn(clock.instant(), Duration.ofDays(3));
		Post draft = posts.draft("A draft, then trashed").save();
		trash.trashPost(scheduled.getId()).block();
		trash.trashPost(draft.getId()).block();
		assertThat(trash.post(scheduled.getId()).block().trashedStatus()).isEqualTo(PostStatus.SCHEDULED);

		clock.advance(Duration.ofDays(4));
		assertThat(published.bySlug(scheduled.getSlug()).block()).as("its time came while it was in the trash").isNull();
		clock.advance(Duration.ofDays(-4));

		trash.restorePost(scheduled.getId()).block();
		trash.restorePost(draft.getId()).block();
		assertThat(repository.findById(scheduled.getId()).block().getStatus()).isEqualTo(PostStatus.SCHEDULED);
		assertThat(repository.findById(draft.getId()).block().getStatus()).isEqualTo(PostStatus.DRAFT);
		assertThat(trash.post(draft.getId()).block().trashed()).isFalse();
	}

	@Test
	void onlyWhatIsInTheTrashIsDeletedAndItTakesItsCommentsRevisionsAndTermLinksAlong() {
		Post post = posts.draft("Deleted for good").category("On Probation").tag("reoffending").publish();
		comments.submit(post.getId(), null, "A reader", "reader@example.org", null, "A thought.", false, "203.0.113.9").block();
		editing.save(new org.drugsandcrime.blog.core.post.PostDraft(post.getId(), "Deleted for good, edited", post.getSlug(),
				"Another text.", null, java.util.List.of("On Probation"), java.util.List.of("reoffending"), null, null, false,
				null, null, post.getAuthorId()), null).block();
		assertThat(rows(post.getId())).allMatch(count -> count > 0);

		assertThat(trash.deletePost(post.getId()).block()).as("outside the trash").isFalse();
		assertThat(repository.findById(post.getId()).block()).isNotNull();

		trash.trashPost(post.getId()).block();
		assertThat(trash.deletePost(post.getId()).block()).isTrue();
		assertThat(repository.findById(post.getId()).block()).isNull();
		assertThat(rows(post.getId())).containsOnly(0L);
	}

	@Test
	void emptyingTheTrashDeletesWhatIsInItAndNothingElse() {
		Post kept = posts.draft("Kept out of the trash").save();
		Post first = posts.draft("First in the trash").save();
		Post second = posts.draft("Second in the trash").publish();
		trash.trashPost(first.getId()).block();
		trash.trashPost(second.getId()).block();

		assertThat(trash.emptyPosts().collectList().block()).contains(first.getId(), second.getId())
			.doesNotContain(kept.getId());
		assertThat(repository.findById(kept.getId()).block()).isNotNull();
		assertThat(trash.posts(null, 1000).block()).isEmpty();
	}

	@Test
	void aTrashedPageLeavesTheSiteAndComesBackPublished() {
		Page page = pageEditing.save(null, "Contact " + System.nanoTime(), null, "Write to us.", PageStatus.PUBLISHED, null, 3,
				null).block();
		assertThat(pages.findPublishedBySlug(page.slug()).block()).isNotNull();

		assertThat(trash.trashPage(page.id()).block()).isTrue();
		assertThat(pages.findPublishedBySlug(page.slug()).block()).isNull();
		assertThat(pages.findAllInOrder().collectList().block()).extracting(Page::id).doesNotContain(page.id());
		assertThat(trash.pages().block()).extracting(Trash.TrashedPage::id).contains(page.id());
		assertThat(trash.deletePage(page.id() + 1_000_000).block()).isFalse();

		assertThat(trash.restorePage(page.id()).block()).isTrue();
		assertThat(pages.findPublishedBySlug(page.slug()).block()).isNotNull();
		assertThat(trash.deletePage(page.id()).block()).as("outside the trash").isFalse();

		trash.trashPage(page.id()).block();
		assertThat(trash.emptyPages().collectList().block()).contains(page.id());
		assertThat(pages.findById(page.id()).block()).isNull();
	}

	/** Whether readers find the post: its page, the main feed, the sitemap, search. */
	private java.util.List<Boolean> everywhere(Post post, String word) {
		boolean page = published.bySlug(post.getSlug()).block() != null;
		boolean feed = feeds.newest(null, 1000).map(FeedEntry::id).collectList().block().contains(post.getId());
		boolean sitemap = sitemaps.posts(1, 50_000).map(SitemapPost::id).collectList().block().contains(post.getId());
		boolean found = search.search(word, 1).block().hits().stream().map(SearchHit::post)
			.anyMatch(summary -> summary.slug().equals(post.getSlug()));
		return java.util.List.of(page, feed, sitemap, found);
	}

	/** Comments, revisions, category links and tag links of the post. */
	private java.util.List<Long> rows(long postId) {
		return java.util.stream.Stream.of("comments", "post_revisions", "post_categories", "post_tags")
			.map(table -> database.sql("SELECT count(*) AS n FROM " + table + " WHERE post_id = :post")
				.bind("post", postId)
				.map((row, meta) -> row.get("n", Long.class))
				.one()
				.block())
			.toList();
	}
}
