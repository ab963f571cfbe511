package org.drugsandcrime.blog.admin.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Editors and admins choose on /account whether a comment waiting for moderation emails them; authors cannot. */
@PortalTest
class CommentMailSettingTests {

	static final String FIELD = "name=\"wanted\"";

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffAccounts accounts;

	StaffUser member;

	@AfterEach
	void tearDown() {
		// Other classes share the database: an editor left asking would have their pending comments queue mail.
		if (member != null) {
			accounts.mailWhenCommentsWait(member.id(), false).block();
		}
	}

	@Test
	void anEditorTurnsTheMailOnAndOffAndEachTimeIsToldSo() {
		member = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, member);
		assertThat(portal.page("/account")).contains(FIELD).doesNotContain("checked=\"checked\"")
			.doesNotContain("You will get an email");

		portal.post("/account/comment-mail", "wanted", "on").expectStatus().is3xxRedirection()
			.expectHeader().location("/account?done=comment-mail-on");
		assertThat(accounts.mailsWhenCommentsWait(member.id()).block()).isTrue();
		assertThat(portal.page("/account?done=comment-mail-on"))
			.contains("You will get an email when a reader&#39;s comment waits for moderation.")
			.containsPattern("<input type=\"checkbox\" name=\"wanted\"[^>]*checked");

		portal.post("/account/comment-mail").expectHeader().location("/account?done=comment-mail-off");
		assertThat(accounts.mailsWhenCommentsWait(member.id()).block()).isFalse();
		assertThat(Portal.signIn(web, staff.create(Role.ADMIN)).page("/audit")).contains("user.comment-mail-on")
			.contains("user.comment-mail-off");
	}

	@Test
	void anAdminMayAskToo() {
		member = staff.create(Role.ADMIN);
		Portal.signIn(web, member).post("/account/comment-mail", "wanted", "on").expectStatus().is3xxRedirection();
		assertThat(accounts.mailsWhenCommentsWait(member.id()).block()).isTrue();
	}

	@Test
	void anAuthorIsNotOfferedItAndTheServerRefusesIt() {
		member = staff.create(Role.AUTHOR);
		Portal portal = Portal.signIn(web, member);
		assertThat(portal.page("/account")).doesNotContain(FIELD).doesNotContain("Comments waiting");
		portal.post("/account/comment-mail", "wanted", "on").expectStatus().isForbidden();
		assertThat(accounts.mailsWhenCommentsWait(member.id()).block()).isFalse();
	}

	@Test
	void theSettingIsNotChangedWithoutTheCsrfToken() {
		member = staff.create(Role.EDITOR);
		Portal.signIn(web, member).postWithoutToken("/account/comment-mail", Portal.form("wanted", "on"))
			.expectStatus().isForbidden();
		assertThat(accounts.mailsWhenCommentsWait(member.id()).block()).isFalse();
	}
}
