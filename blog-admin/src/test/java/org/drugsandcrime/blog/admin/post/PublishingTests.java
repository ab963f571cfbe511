package org.drugsandcrime.blog.admin.post;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.publishing.ScheduledPublishing;
import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostRevisions;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor's whole life of a post, through HTTP as staff use it, checked against what readers can see. */
@PortalTest
class PublishingTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	PostRepository posts;

	@Autowired
	PublishedPosts published;

	@Autowired
	PostRevisions revisions;

	@Autowired
	Redirects redirects;

	@Autowired
	ScheduledPublishing scheduled;

	@Autowired
	AuditLog audit;

	@Autowired
	MutableClock clock;

	StaffUser editor;

	Portal portal;

	@BeforeEach
	void signIn() {
		clock.set(Instant.now());
		editor = staff.create(Role.EDITOR);
		portal = Portal.signIn(web, editor);
	}

	@Test
	void aDraftIsPreviewedThenPublishedAndReadersSeeIt() {
		long id = create("Payment by results: the first year", "payment-first-year", "save");
		assertThat(published.bySlug("payment-first-year").blockOptional()).isEmpty();

		assertThat(portal.page("/posts/" + id + "/preview")).contains("Payment by results: the first year")
			.contains("<strong>four</strong>");

		portal.post("/posts/" + id, editorForm("Payment by results: the first year", "payment-first-year", "publish"))
			.expectStatus().is3xxRedirection().expectHeader().location("/posts/" + id + "/edit?done=published");
		assertThat(published.bySlug("payment-first-year").blockOptional()).isPresent();
		assertThat(portal.page("/posts/" + id + "/edit")).contains("published");
		assertThat(actionsOn(id)).contains("post.create", "post.publish", "post.went-live");
	}

	@Test
	void aPostScheduledAMinuteAheadGoesLiveAtItsTimeAndIsAnnouncedOnce() {
		long id = create("Probation reform timetable", "probation-timetable", "save");
		// Typed as the site's time (Europe/London unless staff chose another zone).
		String inAMinute = LocalDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(1)), ZoneId.of("Europe/London"))
			.truncatedTo(ChronoUnit.SECONDS)
			.toString();
		MultiValueMap<String, String> form = editorForm("Probation reform timetable", "probation-timetable", "schedule");
		form.set("publishAt", inAMinute);
		portal.post("/posts/" + id, form).expectStatus().is3xxRedirection()
			.expectHeader().location("/posts/" + id + "/edit?done=scheduled");
		assertThat(published.bySlug("probation-timetable").blockOptional()).isEmpty();
		scheduled.announceDue().block();
		assertThat(actionsOn(id)).doesNotContain("post.went-live");

		clock.advance(Duration.ofSeconds(61));
		assertThat(published.bySlug("probation-timetable").blockOptional()).isPresent();
		scheduled.announceDue().block();
		scheduled.announceDue().block();
		assertThat(actionsOn(id).stream().filter("post.went-live"::equals)).hasSize(1);
	}

	@Test
	void anEditKeepsARevisionThatCanBeRestored() {
		long id = create("Drug courts in England", "drug-courts", "publish");
		portal.post("/posts/" + id, form("Drug courts in England, revisited", "drug-courts", "A new body.", "save"))
			.expectStatus().is3xxRedirection();
		assertThat(posts.findById(id).block().getTitle()).isEqualTo("Drug courts in England, revisited");
		long revisionId = revisions.of(id).blockFirst().id();
		assertThat(portal.page("/posts/" + id + "/revisions")).contains("Drug courts in England").contains("Restore this version");

		portal.post("/posts/" + id + "/revisions/" + revisionId + "/restore").expectStatus().is3xxRedirection()
			.expectHeader().location("/posts/" + id + "/edit?done=restored");
		assertThat(posts.findById(id).block().getTitle()).isEqualTo("Drug courts in England");
		assertThat(published.bySlug("drug-courts").block().bodyHtml()).contains("four");
		assertThat(actionsOn(id)).contains("post.save", "post.restore");
	}

	@Test
	void unpublishingTakesThePostOffTheSite() {
		long id = create("A post to withdraw", "withdrawn-post", "publish");
		assertThat(published.bySlug("withdrawn-post").blockOptional()).isPresent();
		portal.post("/posts/" + id, editorForm("A post to withdraw", "withdrawn-post", "unpublish"))
			.expectStatus().is3xxRedirection();
		assertThat(published.bySlug("withdrawn-post").blockOptional()).isEmpty();
		assertThat(actionsOn(id)).contains("post.unpublish");
	}

	@Test
	void changingTheSlugOfALivePostLeavesARedirectFromTheOldAddress() {
		long id = create("Recovery capital explained", "recovery-capital", "publish");
		portal.post("/posts/" + id, editorForm("Recovery capital explained", "recovery-capital-explained", "save"))
			.expectStatus().is3xxRedirection();
		assertThat(redirects.target("/posts/recovery-capital").block()).isEqualTo("/posts/recovery-capital-explained");
		assertThat(published.bySlug("recovery-capital-explained").blockOptional()).isPresent();
	}

	@Test
	void badInputIsAMessageInTheEditorNotAnError() {
		portal.post("/posts", "title", "", "action", "save").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("A post needs a title."));
		long id = create("Sentencing statistics", "sentencing-statistics", "save");
		MultiValueMap<String, String> past = editorForm("Sentencing statistics", "sentencing-statistics", "schedule");
		past.set("publishAt", "2001-01-01T00:00");
		portal.post("/posts/" + id, past).expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("must be in the future"));
		past.set("publishAt", "next tuesday");
		portal.post("/posts/" + id, past).expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("is not a date and time"));
		past.set("seriesPosition", "first");
		past.set("action", "save");
		portal.post("/posts/" + id, past).expectStatus().isBadRequest();
		portal.post("/posts/" + id, form("Sentencing statistics", "sentencing-statistics", "x".repeat(600_000), "save"))
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("The body is longer than 500000 characters."));
		portal.post("/posts/" + id, form("Sentencing statistics", "sentencing-statistics", "€".repeat(700_000), "save"))
			.expectStatus().isEqualTo(413).expectBody(String.class)
			.value(html -> assertThat(html).contains("That form is larger than the portal accepts."));
		portal.get("/posts/999999999/edit").expectStatus().isNotFound();
		portal.get("/posts/not-a-number/edit").expectStatus().isBadRequest();
	}

	@Test
	void theLivePreviewRendersMarkdownSafely() {
		String html = portal.post("/posts/preview", "body", "Some *words* <script>alert(1)</script>")
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("<em>words</em>").doesNotContain("<script");
	}

	@Test
	void thePostsListFiltersByStateAndWords() {
		create("Naloxone in prisons", "naloxone-prisons", "publish");
		create("Naloxone on release", "naloxone-release", "save");
		assertThat(portal.page("/posts?state=draft&q=naloxone")).contains("Naloxone on release").doesNotContain("Naloxone in prisons");
		assertThat(portal.page("/posts?state=published&q=naloxone")).contains("Naloxone in prisons").doesNotContain("Naloxone on release");
		portal.get("/posts?page=-3&q=" + "x".repeat(500)).expectStatus().isOk();
	}

	long create(String title, String slug, String action) {
		String location = portal.post("/posts", editorForm(title, slug, "save")).expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		long id = Long.parseLong(location.replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		if (!action.equals("save")) {
			portal.post("/posts/" + id, editorForm(title, slug, action)).expectStatus().is3xxRedirection();
		}
		return id;
	}

	static MultiValueMap<String, String> editorForm(String title, String slug, String action) {
		return form(title, slug, "Reoffending fell in **four** of the pilots.", action);
	}

	static MultiValueMap<String, String> form(String title, String slug, String body, String action) {
		return Portal.form("title", title, "slug", slug, "body", body, "excerpt", "", "categories", "Payment by Results",
				"tags", "pilots, reoffending", "series", "", "seriesPosition", "", "coverImage", "", "seoDescription", "",
				"action", action);
	}

	List<String> actionsOn(long id) {
		return audit.newest(1000)
			.filter(entry -> "post".equals(entry.itemType()) && Long.toString(id).equals(entry.itemId()))
			.map(entry -> entry.action())
			.collectList()
			.block();
	}
}
