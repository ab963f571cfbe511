package org.drugsandcrime.blog.admin.audit;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class AuditLogTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Test
	void theAuditLogShowsWhoDidWhatToWhich() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		portal.post("/posts", "title", "An audited post", "action", "save").expectStatus().is3xxRedirection();
		portal.post("/taxonomy/tag", "name", "Audited tag").expectStatus().is3xxRedirection();
		String log = portal.page("/audit");
		assertThat(log).containsPattern("(?s)" + editor.email().replace(".", "\\.") + "</td>\\s*<td[^>]*>post\\.create</td>")
			.containsPattern("(?s)" + editor.email().replace(".", "\\.") + "</td>\\s*<td[^>]*>tag\\.create</td>");
	}
}
