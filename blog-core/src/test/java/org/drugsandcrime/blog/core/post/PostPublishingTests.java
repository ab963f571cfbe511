package org.drugsandcrime.blog.core.post;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BlogTest
class PostPublishingTests {

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PublishedPosts published;

	@Autowired
	StaffUserRepository users;

	@Autowired
	MutableClock clock;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void aDraftIsNeverPublic() {
		Post draft = posts.draft("A draft nobody may read").save();
		assertThat(published.bySlug(draft.getSlug()).block()).isNull();
		clock.advance(Duration.ofDays(365));
		assertThat(published.bySlug(draft.getSlug()).block()).isNull();
	}

	@Test
	void aPublishedPostIsPublicAtOnce() {
		Post post = posts.draft("Published at once").category("On Probation").tag("reoffending").publish();
		PublishedPost shown = published.bySlug(post.getSlug()).block();
		assertThat(shown.title()).isEqualTo("Published at once");
		assertThat(shown.categories()).extracting(Label::name).containsExactly("On Probation");
		assertThat(shown.tags()).extracting(Label::slug).containsExactly("reoffending");
		assertThat(shown.author().displayName()).isEqualTo("Test Author");
	}

	@Test
	void aScheduledPostBecomesPublicOnlyAfterItsTime() {
		Post post = posts.draft("Scheduled for tomorrow").scheduleIn(clock.instant(), Duration.ofHours(24));
		assertThat(post.getStatus()).isEqualTo(PostStatus.SCHEDULED);
		assertThat(published.bySlug(post.getSlug()).block()).isNull();
		clock.advance(Duration.ofHours(23).plusMinutes(59));
		assertThat(published.bySlug(post.getSlug()).block()).isNull();
		clock.advance(Duration.ofMinutes(1));
		assertThat(published.bySlug(post.getSlug()).block()).isNotNull();
	}

	@Test
	void aScheduleInThePastIsRefused() {
		Post post = posts.draft("Back to the future").save();
		assertThatThrownBy(() -> publishing.schedule(post.getId(), clock.instant().minusSeconds(60)).block())
			.isInstanceOf(InvalidPostException.class);
	}

	@Test
	void unpublishingTakesAPostOffTheSite() {
		Post post = posts.draft("Here today").publish();
		publishing.unpublish(post.getId()).block();
		assertThat(published.bySlug(post.getSlug()).block()).isNull();
	}

	@Test
	void aPostGoesLiveExactlyOnceEvenWhenProcessesRace() {
		Post post = posts.draft("Announced once").scheduleIn(clock.instant(), Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(2));
		List<Long> announced = Flux.range(0, 4)
			.flatMap(i -> publishing.announceDue().subscribeOn(Schedulers.parallel()))
			.collectList()
			.block();
		assertThat(announced).containsOnlyOnce(post.getId());
		assertThat(publishing.announceDue().collectList().block()).doesNotContain(post.getId());
	}

	@Test
	void hundredsOfPostsGoingLiveAtOnceAreAllAnnouncedWithoutStallingTheConnection() {
		// The ids come back from one UPDATE while each announcement queries the same transaction's connection;
		// more rows than a stream's prefetch once left both waiting on each other for ever.
		List<Long> ids = Flux.range(0, 300).map(i -> posts.draft("Going live together " + i).publish().getId())
			.collectList()
			.block();
		List<Long> announced = publishing.announceDue().collectList().block(Duration.ofSeconds(30));
		assertThat(announced).containsAll(ids);
		assertThat(publishing.announceDue().collectList().block(Duration.ofSeconds(30))).doesNotContainAnyElementsOf(ids);
	}

	@Test
	void theHomePageListsNewestFirstAndKnowsWhetherThereIsMore() {
		posts.draft("Older post on the list").publish();
		clock.advance(Duration.ofSeconds(1));
		posts.draft("Newer post on the list").publish();
		PostPage first = published.latest(1, 1).block();
		assertThat(first.posts()).extracting(PostSummary::title).containsExactly("Newer post on the list");
		assertThat(first.hasNext()).isTrue();
		assertThat(published.latest(2, 1).block().posts()).extracting(PostSummary::title)
			.containsExactly("Older post on the list");
	}

	@Test
	void aSeriesPostKnowsItsNeighbours() {
		posts.draft("Series part one").series("Neighbours series", 1).publish();
		Post two = posts.draft("Series part two").series("Neighbours series", 2).publish();
		posts.draft("Series part three").series("Neighbours series", 3).publish();
		SeriesBox box = published.bySlug(two.getSlug()).block().series();
		assertThat(box.name()).isEqualTo("Neighbours series");
		assertThat(box.total()).isEqualTo(3);
		assertThat(box.previous().name()).isEqualTo("Series part one");
		assertThat(box.next().name()).isEqualTo("Series part three");
	}

	@Test
	void relatedPostsShareTagsBeforeCategories() {
		Post subject = posts.draft("Related subject").category("Related cat").tag("related-tag").publish();
		posts.draft("Shares only the category").category("Related cat").publish();
		posts.draft("Shares the tag").tag("related-tag").publish();
		posts.draft("Shares nothing at all").category("Unrelated cat").publish();
		List<PostSummary> related = published.related(subject.getId(), 3).collectList().block();
		assertThat(related).extracting(PostSummary::title).containsExactly("Shares the tag", "Shares only the category");
	}

	@Test
	void amongPostsSharingAsMuchTheOneWhoseTitleSharesWordsComesFirst() {
		String category = "Probation work " + System.nanoTime();
		Post wordy = posts.draft("Probation caseloads keep rising").category(category).publish();
		posts.draft("Prison building programme").category(category).publish();
		Post subject = posts.draft("Probation caseloads in the North West").category(category).publish();
		List<PostSummary> related = published.related(subject.getId(), 2).collectList().block();
		assertThat(related).extracting(PostSummary::title).first().isEqualTo(wordy.getTitle());
	}

	@Test
	void aPostWithoutTagsOrCategoriesIsRelatedByTheWordsOfItsTitle() {
		String word = "Quokkaville" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
		posts.draft(word + " drug treatment funding cut").publish();
		posts.draft("An unrelated note on weather").publish();
		Post subject = posts.draft("Drug treatment funding in " + word).publish();
		List<PostSummary> related = published.related(subject.getId(), 3).collectList().block();
		assertThat(related).extracting(PostSummary::title).first().isEqualTo(word + " drug treatment funding cut");
		assertThat(related).extracting(PostSummary::title).doesNotContain("An unrelated note on weather");
	}
}
