package org.drugsandcrime.blog.admin.settings;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMail;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.mail.OutboxSender;
import org.drugsandcrime.blog.core.page.PageRepository;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings, the menu, standalone pages and users: what admins change about the site and its staff. */
@PortalTest
class SiteScreensTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Site site;

	@Autowired
	PageRepository pages;

	@Autowired
	StaffUserRepository users;

	@Autowired
	OutboxSender configured;

	@Autowired
	MutableClock clock;

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	static final String INVITED_PASSWORD = "an invited writer's passphrase";

	StaffMail mail;

	@BeforeEach
	void setUp() {
		mail = new StaffMail(configured, smtp);
	}

	@Test
	void anAdminChangesTheSiteSettings() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));
		portal.post("/settings", "title", "Drugs and crime", "tagline", "Research and opinion", "description", "A blog.",
				"contactEmail", "editor@example.org", "contactDetails", "Russell Webster, Manchester", "postsPerPage", "12")
			.expectStatus().is3xxRedirection();
		assertThat(site.settings().block().title()).isEqualTo("Drugs and crime");
		assertThat(site.settings().block().postsPerPage()).isEqualTo(12);
		portal.post("/settings", "title", "Still here", "postsPerPage", "5000").expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("between 1 and 100"));
		assertThat(site.settings().block().title()).isEqualTo("Drugs and crime");
	}

	@Test
	void anAdminArrangesTheMenu() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));
		portal.post("/navigation", "label", "About", "url", "/pages/about").expectStatus().is3xxRedirection();
		portal.post("/navigation", "label", "Evil", "url", "javascript:alert(1)").expectStatus().isBadRequest();
		assertThat(site.navigation().block()).anySatisfy(item -> assertThat(item.url()).isEqualTo("/pages/about"))
			.noneSatisfy(item -> assertThat(item.url()).startsWith("javascript"));
	}

	@Test
	void anEditorWritesAndPublishesAStandalonePage() {
		Portal portal = Portal.signIn(web, staff.create(Role.EDITOR));
		long n = System.nanoTime();
		portal.post("/pages", "title", "About the blog " + n, "slug", "about-" + n, "body", "Who *we* are.", "action", "publish")
			.expectStatus().is3xxRedirection();
		assertThat(pages.findPublishedBySlug("about-" + n).block().bodyHtml()).contains("<em>we</em>");
		portal.post("/pages", "title", "Another " + n, "slug", "about-" + n, "action", "save").expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("Another page already lives at"));
	}

	@Test
	void anAdminInvitesChangesTheRoleOfAndDisablesStaff() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));
		String email = "invited" + System.nanoTime() + "@example.org";
		portal.post("/users", "email", email, "displayName", "Invited Writer", "role", "AUTHOR", "password", "")
			.expectStatus().is3xxRedirection().expectHeader().location("/users?done=invited");
		assertThat(users.findByEmail(email).block().passwordHash()).as("no password until they choose one").isNull();
		accept(mail.deliver().link(email), INVITED_PASSWORD);
		Portal.signIn(web, email, INVITED_PASSWORD);

		StaffUser invited = users.findByEmail(email).block();
		portal.post("/users/" + invited.id() + "/role", "role", "EDITOR").expectStatus().is3xxRedirection();
		assertThat(users.findById(invited.id()).block().role()).isEqualTo(Role.EDITOR);
		portal.post("/users/" + invited.id() + "/enabled", "enabled", "false").expectStatus().is3xxRedirection();
		Portal.anonymous(web).submitLogin(email, INVITED_PASSWORD).expectHeader().location("/login?done=failed");
		portal.post("/users", "email", "not-an-address", "displayName", "X", "role", "AUTHOR").expectStatus().isBadRequest();
		portal.post("/users/999999999/role", "role", "EDITOR").expectStatus().isNotFound();
	}
	@Test
	void aWriterImportedWithoutAPasswordIsInvitedOnceAndThenSignsIn() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));
		String email = "imported" + System.nanoTime() + "@example.org";
		StaffUser imported = users.save(new StaffUser(null, email, "Imported Writer", "imported-" + System.nanoTime(), "",
				null, Role.AUTHOR, null, null, false, java.time.Instant.now())).block();
		assertThat(portal.page("/users")).contains("/users/" + imported.id() + "/invite");
		Portal.signIn(web, staff.create(Role.EDITOR)).post("/users/" + imported.id() + "/invite").expectStatus().isForbidden();

		portal.post("/users/" + imported.id() + "/invite").expectStatus().is3xxRedirection()
			.expectHeader().location("/users?done=invited");
		assertThat(users.findById(imported.id()).block().enabled()).isTrue();
		String link = mail.deliver().link(email);
		assertThat(Portal.anonymous(web).page(link)).contains("Welcome: choose your password").contains(email);
		accept(link, INVITED_PASSWORD);
		Portal.signIn(web, email, INVITED_PASSWORD);
		Portal.anonymous(web).get(link).expectStatus().isEqualTo(410);

		portal.post("/users/" + imported.id() + "/invite").expectStatus().isBadRequest();
		assertThat(portal.page("/users")).doesNotContain("/users/" + imported.id() + "/invite");
		portal.post("/users/999999999/invite").expectStatus().isNotFound();
	}

	@Test
	void anInvitationWorksForSevenDaysAndCanBeSentAgain() {
		StaffUser admin = staff.create(Role.ADMIN);
		Portal portal = Portal.signIn(web, admin);
		String email = "late" + System.nanoTime() + "@example.org";
		portal.post("/users", "email", email, "displayName", "Late Writer", "role", "AUTHOR").expectStatus().is3xxRedirection();
		String first = mail.deliver().link(email);
		clock.advance(Duration.ofDays(7).plusMinutes(1));
		Portal.anonymous(web).get(first).expectStatus().isEqualTo(410).expectBody(String.class)
			.value(html -> assertThat(html).contains("This link has run out"));
		// Back to the present, so that nothing written next is dated a week ahead of the other classes' data; the
		// admin signs in again (by the clock a week went by, and sessions end after 30 idle minutes).
		clock.set(java.time.Instant.now());
		portal = Portal.signIn(web, admin);

		StaffUser late = users.findByEmail(email).block();
		assertThat(portal.page("/users")).contains("/users/" + late.id() + "/invite");
		portal.post("/users/" + late.id() + "/invite").expectStatus().is3xxRedirection();
		accept(mail.deliver().link(email), INVITED_PASSWORD);
		Portal.signIn(web, email, INVITED_PASSWORD).get("/posts").expectStatus().isOk();
	}

	/** Sets the password through an invitation's link, as the invited person does. */
	private void accept(String link, String password) {
		Portal.anonymous(web).post("/password/set", "token", link.substring(link.indexOf("token=") + 6), "password", password,
				"repeat", password).expectStatus().is3xxRedirection().expectHeader().location("/login?done=password-set");
	}
}
