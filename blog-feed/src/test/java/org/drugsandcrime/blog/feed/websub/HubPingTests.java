package org.drugsandcrime.blog.feed.websub;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.feed.HubPingClaims;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.feed.FeedFixtures;
import org.drugsandcrime.blog.feed.FeedTest;
import org.drugsandcrime.blog.feed.StandInHub;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publishing and editing ping the configured WebSub hub for every feed they touch; a bad hub harms nothing. */
@FeedTest
class HubPingTests {

	@Autowired
	WebTestClient web;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	HubPingClaims claims;

	@Autowired
	MutableClock clock;

	@Autowired
	TaxonomyEditing taxonomy;

	@Autowired
	StaffAccounts accounts;

	final StandInHub hub = StandInHub.get();

	@AfterEach
	void hubBackUp() {
		hub.recover();
	}

	Posts posts() {
		return new Posts(editing, publishing, users);
	}

	@Test
	void aPublishPingsTheHubForEveryFeedThePostIsIn() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Post post = posts().draft("Pinged on publish").category("Hub category " + suffix).tag("hub tag").publish();
		String categoryFeed = FeedTest.BASE_URL + "/category/hub-category-" + suffix + "/feed";
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.topics()).contains(
				FeedTest.BASE_URL + "/feed", FeedTest.BASE_URL + "/feed/atom", FeedTest.BASE_URL + "/feed.json",
				categoryFeed, FeedTest.BASE_URL + "/tag/hub-tag/feed",
				FeedTest.BASE_URL + "/posts/" + post.getSlug() + "/comments/feed"));
		StandInHub.Ping ping = hub.pings().stream().filter(p -> p.topic().equals(categoryFeed)).findFirst().orElseThrow();
		assertThat(ping.mode()).isEqualTo("publish");
		assertThat(ping.contentType()).startsWith("application/x-www-form-urlencoded");
	}

	@Test
	void anEditAndAnUnpublishPingAgain() {
		String tag = "edited-" + UUID.randomUUID().toString().substring(0, 8);
		Post post = posts().draft("Pinged on edit").tag(tag).publish();
		String tagFeed = FeedTest.BASE_URL + "/tag/" + tag + "/feed";
		await().atMost(Duration.ofSeconds(10)).until(() -> count(tagFeed) >= 1);
		long afterPublish = count(tagFeed);
		clock.advance(Duration.ofSeconds(1));
		editing.save(posts().draft("Pinged on edit, edited").tag(tag).by(users.findById(post.getAuthorId()).block())
			.toDraft(post.getId()), null).block();
		await().atMost(Duration.ofSeconds(10)).until(() -> count(tagFeed) > afterPublish);
		long afterEdit = count(tagFeed);
		clock.advance(Duration.ofSeconds(1));
		publishing.unpublish(post.getId()).block();
		await().atMost(Duration.ofSeconds(10)).until(() -> count(tagFeed) > afterEdit);
	}

	@Test
	void aPostTakenOutOfACategoryPingsTheFeedItLeft() {
		String suffix = Long.toString(System.nanoTime(), 36);
		String left = FeedTest.BASE_URL + "/category/left-" + suffix + "/feed";
		String joined = FeedTest.BASE_URL + "/category/joined-" + suffix + "/feed";
		Post post = savedThenPublished(posts().draft("Moves between categories").category("Left " + suffix),
				saved -> List.of(left));
		clock.advance(Duration.ofSeconds(1));
		editing.save(posts().draft("Moves between categories").category("Joined " + suffix)
			.by(users.findById(post.getAuthorId()).block()).toDraft(post.getId()), null).block();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(count(joined)).isEqualTo(1);
			assertThat(count(left)).isEqualTo(3);
		});
	}

	@Test
	void aFailingHubIsAskedAgainUntilItTakesEveryPing() {
		String tag = "retried-" + UUID.randomUUID().toString().substring(0, 8);
		var author = posts().author("Retried Author");
		List<String> mainFeeds = List.of(FeedTest.BASE_URL + "/feed", FeedTest.BASE_URL + "/feed/atom",
				FeedTest.BASE_URL + "/feed.json");
		List<Long> before = mainFeeds.stream().map(this::count).toList();
		hub.failNext(3);
		// Saved as a draft, then published: two changes, each pinged for each topic, three of them refused at first.
		savedThenPublished(posts().draft("Pinged despite failures").tag(tag).by(author),
				saved -> List.of(FeedTest.BASE_URL + "/tag/" + tag + "/feed",
						FeedTest.BASE_URL + "/author/" + author.slug() + "/feed",
						FeedTest.BASE_URL + "/posts/" + saved.getSlug() + "/comments/feed"));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			for (int i = 0; i < mainFeeds.size(); i++) {
				assertThat(count(mainFeeds.get(i))).isGreaterThanOrEqualTo(before.get(i) + 2);
			}
		});
		assertThat(hub.failuresLeft()).as("the hub refused three pings, and every ping still got through").isZero();
	}

	@Test
	void aHubThatHangsNeitherDelaysNorFailsThePublish() {
		hub.hang();
		long started = System.nanoTime();
		Post post = posts().draft("Published while the hub hangs").publish();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(new String(FeedFixtures.fetch(web, "/feed").getResponseBody())).contains(post.getGuid());
	}

	@Test
	void renamingACategoryPingsItsFeedAndTheMainFeedsEachTimeEvenBackToTheOldName() {
		String suffix = Long.toString(System.nanoTime(), 36);
		String name = "Renamed " + suffix;
		String categoryFeed = FeedTest.BASE_URL + "/category/renamed-" + suffix + "/feed";
		String mainFeed = FeedTest.BASE_URL + "/feed/atom";
		savedThenPublished(posts().draft("Its category is renamed").category(name), saved -> List.of(categoryFeed));
		long term = taxonomy.list(TaxonomyEditing.Kind.CATEGORY).filter(t -> t.name().equals(name)).blockFirst().id();
		for (String newName : List.of("Renamed again " + suffix, name)) {
			long category = count(categoryFeed);
			long main = count(mainFeed);
			taxonomy.rename(TaxonomyEditing.Kind.CATEGORY, term, newName).block();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(count(categoryFeed)).as("the category's feed, renamed to " + newName).isEqualTo(category + 1);
				assertThat(count(mainFeed)).as("a main feed, which names the category").isGreaterThan(main);
			});
		}
	}

	@Test
	void anAuthorsNewBioPingsTheirFeed() {
		var author = posts().author("Bio Writer " + Long.toString(System.nanoTime(), 36));
		String authorFeed = FeedTest.BASE_URL + "/author/" + author.slug() + "/feed";
		savedThenPublished(posts().draft("By the author with a bio").by(author), saved -> List.of(authorFeed));
		accounts.updateProfile(author.id(), author.displayName(), "Writes about probation.", null).block();
		await().atMost(Duration.ofSeconds(10)).until(() -> count(authorFeed) == 3);
	}

	@Test
	void anArchivesStateIsClaimedOnceAndAgainAfterItChangesBack() {
		String subject = "archive:test:" + UUID.randomUUID();
		assertThat(claims.claimState(subject, "named A").block()).isTrue();
		assertThat(claims.claimState(subject, "named A").block()).as("the same state, heard by a second process").isFalse();
		assertThat(claims.claimState(subject, "named B").block()).isTrue();
		assertThat(claims.claimState(subject, "named A").block()).as("back to an earlier state").isTrue();
		assertThat(claims.claimState(subject + "-other", "named A").block()).as("another archive in that state").isTrue();
	}

	@Test
	void ofSeveralProcessesHearingOneChangeOnlyOnePings() {
		String key = "post:test:" + UUID.randomUUID();
		assertThat(claims.claim(key).block()).isTrue();
		assertThat(claims.claim(key).block()).isFalse();
	}

	/**
	 * Saves the draft, waits until the hub has heard of it on each of its {@code topics}, then publishes it and waits
	 * for the second ping. The wait is what makes "two pings" certain: each change is pinged for the state it finds
	 * once committed, so a publish that follows the save at once may be read by both changes and (rightly) pinged once.
	 */
	Post savedThenPublished(Posts.Builder draft, Function<Post, List<String>> topics) {
		Post saved = draft.save();
		List<String> expected = topics.apply(saved);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(expected).allSatisfy(topic -> assertThat(count(topic)).isEqualTo(1)));
		Post published = publishing.publish(saved.getId()).block();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(expected).allSatisfy(topic -> assertThat(count(topic)).isEqualTo(2)));
		return published;
	}

	long count(String topic) {
		return hub.topics().stream().filter(topic::equals).count();
	}
}
