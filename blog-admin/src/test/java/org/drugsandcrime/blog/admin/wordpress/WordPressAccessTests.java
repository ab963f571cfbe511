package org.drugsandcrime.blog.admin.wordpress;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only an admin may import or export: every address of the WordPress screens answers an editor and an author with
 * 403 and sends a visitor to sign in, the controller deciding as well as the path rule.
 */
@PortalTest
class WordPressAccessTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	static Stream<String> addresses() {
		return Stream.of("/wordpress", "/wordpress/imports/1", "/wordpress/imports/1/progress", "/wordpress/export");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("addresses")
	void editorsAndAuthorsAreRefusedEveryAddress(String path) {
		for (Role role : new Role[] { Role.EDITOR, Role.AUTHOR }) {
			Portal portal = Portal.signIn(web, staff.create(role));
			portal.get(path).expectStatus().isForbidden();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("addresses")
	void aVisitorIsSentToSignIn(String path) {
		Portal.anonymous(web).get(path).expectStatus().is3xxRedirection().expectHeader().location("/login");
	}

	@Test
	void editorsAndAuthorsCannotStartAnImport() {
		for (Role role : new Role[] { Role.EDITOR, Role.AUTHOR }) {
			Portal portal = Portal.signIn(web, staff.create(role));
			portal.postMultipart(WordPressController.IMPORTS, export(portal.csrfToken())).expectStatus().isForbidden();
		}
		Portal visitor = Portal.anonymous(web);
		visitor.postMultipart(WordPressController.IMPORTS, export(visitor.csrfToken())).expectStatus().is3xxRedirection()
			.expectHeader().location("/login");
	}

	@Test
	void anImportWithoutItsCsrfTokenIsRefused() {
		Portal portal = Portal.signIn(web, staff.create(Role.ADMIN));
		portal.postMultipart(WordPressController.IMPORTS, export(null)).expectStatus().isForbidden();
	}

	@Test
	void anAdminSeesTheScreenLinkedFromTheMenuAndOthersDoNot() {
		Portal admin = Portal.signIn(web, staff.create(Role.ADMIN));
		assertThat(admin.page("/")).contains("<a href=\"/wordpress\">WordPress</a>");
		assertThat(admin.page("/wordpress")).contains("<h1>WordPress</h1>")
			.contains("enctype=\"multipart/form-data\" action=\"/wordpress/imports\"")
			.contains("Download everything as WordPress WXR").contains("At most 3 MB in all.");
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		assertThat(editor.page("/")).doesNotContain("/wordpress");
	}

	@Test
	void anUnknownRunIsNotFound() {
		Portal admin = Portal.signIn(web, staff.create(Role.ADMIN));
		admin.get("/wordpress/imports/999999999").expectStatus().isNotFound();
		admin.get("/wordpress/imports/999999999/progress").expectStatus().isNotFound();
		admin.get("/wordpress/imports/abc").expectStatus().value(status -> assertThat(status).isBetween(400, 499));
	}

	static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> export(String csrf) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		if (csrf != null) {
			parts.part("_csrf", csrf);
		}
		parts.part("file", new ByteArrayResource("<rss/>".getBytes()) {
			@Override
			public String getFilename() {
				return "export.xml";
			}
		});
		return parts.build();
	}
}
