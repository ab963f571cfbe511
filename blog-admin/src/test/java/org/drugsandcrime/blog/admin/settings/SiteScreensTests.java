package org.drugsandcrime.blog.admin.settings;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.page.PageRepository;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
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
		String html = portal.post("/users", "email", email, "displayName", "Invited Writer", "role", "AUTHOR", "password", "")
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("one-time password");
		String oneTime = html.replaceAll("(?s).*<code class=\"one-time-password\">([^<]+)</code>.*", "$1");
		Portal.signIn(web, email, oneTime);

		StaffUser invited = users.findByEmail(email).block();
		portal.post("/users/" + invited.id() + "/role", "role", "EDITOR").expectStatus().is3xxRedirection();
		assertThat(users.findById(invited.id()).block().role()).isEqualTo(Role.EDITOR);
		portal.post("/users/" + invited.id() + "/enabled", "enabled", "false").expectStatus().is3xxRedirection();
		Portal.anonymous(web).submitLogin(email, oneTime).expectHeader().location("/login?done=failed");
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

		String html = portal.post("/users/" + imported.id() + "/invite").expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		String oneTime = html.replaceAll("(?s).*<code class=\"one-time-password\">([^<]+)</code>.*", "$1");
		assertThat(users.findById(imported.id()).block().enabled()).isTrue();
		Portal.signIn(web, email, oneTime);

		portal.post("/users/" + imported.id() + "/invite").expectStatus().isBadRequest();
		assertThat(portal.page("/users")).doesNotContain("/users/" + imported.id() + "/invite");
		portal.post("/users/999999999/invite").expectStatus().isNotFound();
	}
}
