package org.drugsandcrime.blog.admin.layout;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every screen renders for the roles that may see it, with the menu those roles get. */
@PortalTest
class EveryScreenTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	PageEditing pages;

	@Test
	void anAdminSeesEveryScreenAndTheWholeMenu() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));
		long page = pages.save(null, "Contact " + System.nanoTime(), null, "Write to us.", PageStatus.DRAFT, null, null, null)
			.block()
			.id();
		for (String path : new String[] { "/", "/posts", "/posts/new", "/comments", "/comments?status=spam",
				"/taxonomy/category", "/taxonomy/tag", "/taxonomy/series", "/pages", "/pages/new", "/pages/" + page + "/edit",
				"/subscribers", "/media", "/navigation", "/settings", "/users", "/account", "/audit" }) {
			assertThat(portal.page(path)).as(path).contains("<main id=\"main\"").contains("Sign out").contains(">Users</a>");
		}
	}

	@Test
	void anAuthorsMenuShowsOnlyWhatAnAuthorMayDo() {
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		String dashboard = portal.page("/");
		assertThat(dashboard).contains(">Posts</a>").contains(">Media</a>")
			.doesNotContain(">Comments</a>").doesNotContain(">Users</a>").doesNotContain(">Settings</a>");
		assertThat(portal.page("/account")).contains("Two-factor sign-in");
	}
}
