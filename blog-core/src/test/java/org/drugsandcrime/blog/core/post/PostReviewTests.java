package org.drugsandcrime.blog.core.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentVersion;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An author's edit of a live or scheduled post reaches readers (and subscribers) only through an editor. */
@BlogTest
class PostReviewTests {

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PostReview review;

	@Autowired
	PostRevisions revisions;

	@Autowired
	PublishedPosts published;

	@Autowired
	PostRepository repository;

	@Autowired
	StaffUserRepository users;

	@Autowired
	ContentVersion version;

	@Autowired
	MutableClock clock;

	Posts posts;

	StaffUser author;

	StaffUser editor;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
		author = posts.author("Reviewed author");
		editor = staffMember(Role.EDITOR);
		posts.draft("Terms the reviewed authors pick").tag("probation").tag("pilots").save();
	}

	@Test
	void anAuthorsEditOfALivePostWaitsAndReadersStillSeeThePostAsItWas() {
		Post live = posts.draft("Live before the edit").by(author).body("What readers read.").tag("probation").publish();
		PostEditing.Edit edit = editing.edit(posts.draft("Changed by the author").by(author).body("What the author wants.")
			.tag("pilots").cover("/media/chart-1a2b3c4d.png").toDraft(live.getId()), author.id()).block();

		assertThat(edit.outcome()).isEqualTo(PostEditing.Edit.Outcome.WAITING_FOR_REVIEW);
		Post stored = repository.findById(live.getId()).block();
		assertThat(stored.getTitle()).isEqualTo("Live before the edit");
		assertThat(stored.getBodyMarkdown()).isEqualTo("What readers read.");
		assertThat(stored.getCoverImage()).isNull();
		assertThat(stored.getUpdatedAt()).isEqualTo(live.getUpdatedAt());
		assertThat(repository.tagNamesOf(live.getId()).collectList().block()).containsExactly("probation");
		assertThat(published.bySlug(live.getSlug()).block().title()).isEqualTo("Live before the edit");
		assertThat(revisions.of(live.getId()).collectList().block()).isEmpty();

		PendingChange waiting = review.pendingChange(live.getId()).block();
		assertThat(waiting.title()).isEqualTo("Changed by the author");
		assertThat(waiting.bodyMarkdown()).isEqualTo("What the author wants.");
		assertThat(waiting.tags()).containsExactly("pilots");
		assertThat(waiting.coverImage()).isEqualTo("/media/chart-1a2b3c4d.png");
		assertThat(waiting.submittedBy()).isEqualTo("Reviewed author");
		assertThat(review.waiting(1000).collectList().block())
			.anySatisfy(entry -> assertThat(entry).extracting(PostReview.Waiting::id, PostReview.Waiting::changeToLivePost)
				.containsExactly(live.getId(), true));
	}

	@Test
	void theAuthorsNextEditReplacesTheWaitingOneAndAnEditBackToTheLivePostWithdrawsIt() {
		Post live = posts.draft("Live and edited twice").by(author).tag("probation").publish();
		editing.edit(posts.draft("First try").by(author).toDraft(live.getId()), author.id()).block();
		editing.edit(posts.draft("Second try").by(author).toDraft(live.getId()), author.id()).block();
		assertThat(review.pendingChange(live.getId()).block().title()).isEqualTo("Second try");

		PostEditing.Edit unchanged = editing.edit(posts.draft("Live and edited twice").by(author).tag("probation")
			.toDraft(live.getId()), author.id()).block();
		assertThat(unchanged.outcome()).isEqualTo(PostEditing.Edit.Outcome.SAVED);
		assertThat(review.pendingChange(live.getId()).block()).isNull();
	}

	@Test
	void anEditorApprovesTheChangeAndItGoesLiveAnnouncedWithTheOldTextKeptAsARevision() {
		Post live = posts.draft("Live until approved").by(author).body("The old text.").publish();
		editing.edit(posts.draft("Approved title").by(author).body("The approved text.").tag("pilots").toDraft(live.getId()),
				author.id()).block();

		List<ContentChange> announced = new CopyOnWriteArrayList<>();
		Disposable listening = version.changes().filter(change -> change.id() == live.getId()).subscribe(announced::add);
		try {
			Post approved = review.approve(live.getId(), editor.id()).block();
			assertThat(approved.getTitle()).isEqualTo("Approved title");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !announced.isEmpty());
		}
		finally {
			listening.dispose();
		}
		assertThat(published.bySlug(live.getSlug()).block().title()).isEqualTo("Approved title");
		assertThat(repository.tagNamesOf(live.getId()).collectList().block()).containsExactly("pilots");
		assertThat(review.pendingChange(live.getId()).block()).isNull();
		assertThat(revisions.of(live.getId()).collectList().block()).extracting(PostRevisions.Revision::bodyMarkdown)
			.containsExactly("The old text.");
		assertThat(repository.findById(live.getId()).block().getStatus()).isEqualTo(PostStatus.PUBLISHED);
	}

	@Test
	void anEditorRejectsTheChangeAndReadersNeverSeeIt() {
		Post live = posts.draft("Live and rejected").by(author).publish();
		editing.edit(posts.draft("Rejected title").by(author).toDraft(live.getId()), author.id()).block();
		assertThat(review.reject(live.getId()).block()).isTrue();
		assertThat(review.pendingChange(live.getId()).block()).isNull();
		assertThat(repository.findById(live.getId()).block().getTitle()).isEqualTo("Live and rejected");
		assertThat(review.reject(live.getId()).block()).isFalse();
	}

	@Test
	void onlyAnEditorOrAdminApprovesAndNothingWaitingIsNotFound() {
		Post live = posts.draft("Live, the author tries to approve").by(author).publish();
		editing.edit(posts.draft("Self-approved title").by(author).toDraft(live.getId()), author.id()).block();
		assertThatThrownBy(() -> review.approve(live.getId(), author.id()).block()).isInstanceOf(InvalidPostException.class);
		assertThat(repository.findById(live.getId()).block().getTitle()).isEqualTo("Live, the author tries to approve");
		assertThat(review.pendingChange(live.getId()).block()).isNotNull();

		Post nothingWaits = posts.draft("Nothing waits here").publish();
		assertThatThrownBy(() -> review.approve(nothingWaits.getId(), editor.id()).block())
			.isInstanceOf(PostNotFoundException.class);
	}

	@Test
	void anAuthorsEditOfAScheduledPostIsSavedAndThePostWaitsForReviewInsteadOfGoingOut() {
		Instant now = clock.instant();
		Post scheduled = posts.draft("Scheduled before the edit").by(author).scheduleIn(now, Duration.ofDays(2));
		PostEditing.Edit edit = editing.edit(posts.draft("Scheduled, then edited").by(author).toDraft(scheduled.getId()),
				author.id()).block();

		assertThat(edit.outcome()).isEqualTo(PostEditing.Edit.Outcome.BACK_TO_REVIEW);
		Post stored = repository.findById(scheduled.getId()).block();
		assertThat(stored.getTitle()).isEqualTo("Scheduled, then edited");
		assertThat(stored.getStatus()).isEqualTo(PostStatus.DRAFT);
		assertThat(review.isWaiting(scheduled.getId()).block()).isTrue();
		// A draft is never public, whatever its date (PostPublishingTests.aDraftIsNeverPublic); the clock is not
		// moved here, since announcing at a later time would write future-dated rows other tests share.
		assertThat(stored.isVisibleAt(stored.getPublishedAt().plusSeconds(1))).isFalse();
	}

	@Test
	void anEditorsEditOfALivePostGoesLiveAtOnce() {
		Post live = posts.draft("Live, edited by an editor").by(author).publish();
		PostEditing.Edit edit = editing.edit(posts.draft("The editor's title").by(author).toDraft(live.getId()), editor.id())
			.block();
		assertThat(edit.outcome()).isEqualTo(PostEditing.Edit.Outcome.SAVED);
		assertThat(published.bySlug(live.getSlug()).block().title()).isEqualTo("The editor's title");
	}

	@Test
	void anAuthorRestoringARevisionOfALivePostWaitsForReviewToo() {
		Post live = posts.draft("Restored by the author").by(author).body("First text.").publish();
		editing.save(posts.draft("Restored by the author").by(author).body("Second text.").toDraft(live.getId()), null).block();
		long revision = revisions.of(live.getId()).blockFirst().id();
		PostEditing.Edit edit = revisions.restore(live.getId(), revision, author.id()).block();
		assertThat(edit.outcome()).isEqualTo(PostEditing.Edit.Outcome.WAITING_FOR_REVIEW);
		assertThat(repository.findById(live.getId()).block().getBodyMarkdown()).isEqualTo("Second text.");
		assertThat(review.pendingChange(live.getId()).block().bodyMarkdown()).isEqualTo("First text.");
	}

	private StaffUser staffMember(Role role) {
		long n = System.nanoTime();
		return users.save(new StaffUser(null, "staff" + n + "@example.org", role + " " + n, "staff-" + n, "", null, role, null,
				null, true, Instant.now())).block();
	}
}
