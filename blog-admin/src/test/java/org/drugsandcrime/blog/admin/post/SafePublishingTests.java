package org.drugsandcrime.blog.admin.post;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.publishing.ScheduledPublishing;
import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.subscription.SubscriberDirectory;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Publish now" and "Schedule" ask first, saying how many subscribers would be emailed, and offer to publish
 * without emailing; the answer is kept with the post. "Send a test email to me" mails the signed-in member of
 * staff alone.
 */
@PortalTest
class SafePublishingTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	PostRepository posts;

	@Autowired
	PublishedPosts published;

	@Autowired
	ScheduledPublishing scheduled;

	@Autowired
	SubscriberDirectory directory;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	@Autowired
	Trash trash;

	Subscribers subscribers;

	StaffUser editor;

	Portal portal;

	@BeforeEach
	void signIn() {
		clock.set(Instant.now());
		subscribers = new Subscribers(database);
		subscribers.create(SubscriberStatus.CONFIRMED, 2);
		subscribers.create(SubscriberStatus.PENDING, 1);
		editor = staff.create(Role.EDITOR);
		portal = Portal.signIn(web, editor);
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	@Test
	void publishNowSavesThenAsksSayingHowManyConfirmedSubscribersWouldBeEmailed() {
		String slug = slug("asked-first");
		String location = location(portal.post("/posts", form("Asked first", slug, "confirm-publish")));
		long id = idIn(location);
		assertThat(location).isEqualTo("/posts/" + id + "/publish?done=saved");
		assertThat(published.bySlug(slug).blockOptional()).isEmpty();

		long confirmed = directory.count().block();
		String page = portal.page(location);
		assertThat(page).contains("Publish this post now?").contains("Saved.")
			.contains(confirmed + " confirmed subscribers</strong>")
			.contains("Publish and email " + confirmed + " confirmed subscribers")
			.contains("Publish without emailing");
		assertThat(portal.page("/posts/" + id + "/publish")).doesNotContain("Saved.");
		assertThat(published.bySlug(slug).blockOptional()).isEmpty();
	}

	@Test
	void publishingWithEmailQueuesTheMailForEveryConfirmedSubscriber() {
		long id = create("Published with mail");
		long confirmed = directory.count().block();

		String location = location(portal.post("/posts/" + id + "/publish", "email", "yes", "at", ""));

		assertThat(location).isEqualTo("/posts/" + id + "/edit?done=published-emailing&n=" + confirmed);
		assertThat(portal.page(location)).contains("Published; " + confirmed + " subscribers are being emailed.");
		assertThat(posts.findById(id).block().getStatus()).isEqualTo(PostStatus.PUBLISHED);
		assertThat(postMailsFor(id)).isEqualTo(confirmed);
	}

	@Test
	void publishingWithoutEmailPutsThePostOnTheSiteAndMailsNoOne() {
		long id = create("Published quietly");

		String location = location(portal.post("/posts/" + id + "/publish", "email", "no"));

		assertThat(portal.page(location)).contains("Published without emailing subscribers.");
		assertThat(posts.findById(id).block().isVisibleAt(clock.instant())).isTrue();
		assertThat(posts.findById(id).block().getAnnouncedAt()).isNotNull();
		assertThat(postMailsFor(id)).isZero();
	}

	@Test
	void aScheduledPostHonoursTheStoredChoiceWhenItGoesLive() {
		long id = create("Scheduled quietly");
		String inAnHour = LocalDateTime.ofInstant(clock.instant().plus(Duration.ofHours(1)), ZoneId.of("Europe/London"))
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
		MultiValueMap<String, String> schedule = form("Scheduled quietly", null, "confirm-schedule");
		schedule.set("publishAt", inAnHour);

		String location = location(portal.post("/posts/" + id, schedule));
		assertThat(location).startsWith("/posts/" + id + "/publish?at=").endsWith("&done=saved");
		assertThat(portal.page(location)).contains("Schedule this post?").contains("(Europe/London time)")
			.contains("Schedule without emailing");
		assertThat(posts.findById(id).block().getStatus()).isEqualTo(PostStatus.DRAFT);

		assertThat(location(portal.post("/posts/" + id + "/publish", "email", "no", "at", inAnHour)))
			.endsWith("done=scheduled-quietly");
		assertThat(posts.findById(id).block().getStatus()).isEqualTo(PostStatus.SCHEDULED);
		assertThat(portal.page("/posts/" + id + "/edit")).contains("· subscribers will not be emailed");

		clock.advance(Duration.ofMinutes(61));
		assertThat(scheduled.announceDue().block()).isPositive();
		assertThat(posts.findById(id).block().getAnnouncedAt()).isNotNull();
		assertThat(postMailsFor(id)).isZero();
	}

	@Test
	void theQuestionSaysWhichMomentATimeTheClocksSkipOrRepeatMeans() {
		long id = create("Around the clock change");
		// 28 March 2027: London's clocks go from 01:00 GMT to 02:00 BST; 31 October 2027: from 02:00 BST to 01:00 GMT.
		assertThat(portal.page("/posts/" + id + "/publish?at=2027-03-28T01:30")).contains("28 Mar 2027, 02:30 BST")
			.contains("01:30 does not happen");
		assertThat(portal.page("/posts/" + id + "/publish?at=2027-10-31T01:30")).contains("31 Oct 2027, 01:30 BST")
			.contains("happens twice");
	}

	@Test
	void aTestEmailGoesToTheSignedInStaffMemberAloneWhateverTheFormSays() {
		StaffUser author = staff.create(Role.AUTHOR);
		Portal authorPortal = Portal.signIn(web, author);
		MultiValueMap<String, String> form = form("Tried on myself", slug("tried"), "test-mail");
		form.add("recipient", "someone-else@example.org");
		form.add("to", "someone-else@example.org");

		String location = location(authorPortal.post("/posts", form));
		long id = idIn(location);

		assertThat(authorPortal.page(location)).contains("A test email is on its way to you, and to no one else.");
		assertThat(recipientsOf(id, "TEST")).containsExactly(author.email());
		assertThat(recipientsOf(id, "POST")).isEmpty();
		assertThat(posts.findById(id).block().getStatus()).isEqualTo(PostStatus.DRAFT);
	}

	@Test
	void anAuthorCannotPublishAskToPublishOrTestMailSomeoneElsesPost() {
		long id = create("An editor's draft");
		Portal author = Portal.signIn(web, staff.create(Role.AUTHOR));
		long own = idIn(location(author.post("/posts", form("My own draft", slug("own"), "save"))));

		author.get("/posts/" + own + "/publish").expectStatus().isForbidden();
		author.post("/posts/" + own + "/publish", "email", "no").expectStatus().isForbidden();
		author.post("/posts/" + own, form("My own draft", null, "confirm-publish")).expectStatus().isForbidden();
		author.post("/posts/" + id, form("An editor's draft", null, "test-mail")).expectStatus().isForbidden();

		assertThat(posts.findById(own).block().getStatus()).isEqualTo(PostStatus.DRAFT);
		assertThat(recipientsOf(id, "TEST")).isEmpty();
	}

	@Test
	void theAnswerNeedsItsCsrfTokenAndAChoice() {
		long id = create("Needs a choice");
		portal.postWithoutToken("/posts/" + id + "/publish", Portal.form("email", "yes")).expectStatus().isForbidden();
		portal.post("/posts/" + id + "/publish", "email", "maybe").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("Choose whether to email the subscribers."));
		portal.post("/posts/" + id + "/publish", "email", "yes", "at", "2001-01-01T00:00").expectStatus().isBadRequest();
		portal.get("/posts/" + id + "/publish?at=next+tuesday").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("is not a date and time"));
		portal.get("/posts/999999999/publish").expectStatus().isNotFound();
		assertThat(posts.findById(id).block().getStatus()).isEqualTo(PostStatus.DRAFT);
	}

	@Test
	void aTrashedPostIsNotPublishedFromTheQuestion() {
		long id = create("Binned first");
		trash.trashPost(id).block();

		portal.get("/posts/" + id + "/publish").expectStatus().isEqualTo(409).expectBody(String.class)
			.value(html -> assertThat(html).contains("This post is in the trash"));
		portal.post("/posts/" + id + "/publish", "email", "yes").expectStatus().isEqualTo(409);
		assertThat(posts.findById(id).block().isVisibleAt(clock.instant())).isFalse();
		assertThat(postMailsFor(id)).isZero();
	}

	long create(String title) {
		return idIn(location(portal.post("/posts", form(title, slug("safe"), "save"))));
	}

	static String slug(String prefix) {
		return prefix + "-" + System.nanoTime();
	}

	static MultiValueMap<String, String> form(String title, String slug, String action) {
		return Portal.form("title", title, "slug", slug == null ? "" : slug, "body", "What the pilots found.",
				"action", action);
	}

	static String location(WebTestClient.ResponseSpec response) {
		return response.expectStatus().is3xxRedirection().returnResult(Void.class).getResponseHeaders().getLocation().toString();
	}

	static long idIn(String location) {
		return Long.parseLong(location.replaceAll("^/posts/(\\d+)/.*$", "$1"));
	}

	long postMailsFor(long id) {
		return recipientsOf(id, "POST").size();
	}

	java.util.List<String> recipientsOf(long id, String kind) {
		return database.sql("SELECT recipient FROM mail_outbox WHERE post_id = :post AND kind = :kind ORDER BY id")
			.bind("post", id)
			.bind("kind", kind)
			.map((row, meta) -> row.get("recipient", String.class))
			.all()
			.collectList()
			.block();
	}
}
