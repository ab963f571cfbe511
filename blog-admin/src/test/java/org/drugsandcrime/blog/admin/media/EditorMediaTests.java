package org.drugsandcrime.blog.admin.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.media.Media;
import org.drugsandcrime.blog.core.media.MediaProperties;
import org.drugsandcrime.blog.core.media.MediaRepository;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor uploads images and gets JSON back; the portal serves the media directory itself so that previews
 * show the images, and nothing but images inside that directory.
 */
@PortalTest
class EditorMediaTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient web;

	@LocalServerPort
	int port;

	@Autowired
	StaffMembers staff;

	@Autowired
	MediaRepository media;

	@Autowired
	MediaProperties properties;

	Portal portal;

	@BeforeEach
	void signIn() {
		portal = Portal.signIn(web, staff.create(Role.AUTHOR));
	}

	@Test
	void anImageUploadedFromTheEditorAnswersItsAddressAndTextAlternative() throws IOException {
		Map<String, Object> answer = upload("from-editor.png", MediaUploadTests.png(12, 9), "Caseloads by region")
			.expectStatus().isCreated()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(JSON).returnResult().getResponseBody();
		assertThat((String) answer.get("path")).startsWith("/media/from-editor-").endsWith(".png");
		assertThat(answer).containsEntry("alt", "Caseloads by region").containsEntry("width", 12).containsEntry("height", 9);
		Media stored = media.findById(((Number) answer.get("id")).longValue()).block();
		assertThat(stored.altText()).isEqualTo("Caseloads by region");
		assertThat(properties.dir().resolve(stored.fileName())).exists();
	}

	@Test
	void aFileThatIsNotAnImageIsRefusedWithAReasonInJson() {
		upload("notes.png", "plain text".getBytes(StandardCharsets.UTF_8), "x").expectStatus().isEqualTo(415)
			.expectBody(JSON).value(answer -> assertThat((String) answer.get("error")).contains("is not an image we accept"));
		MultipartBodyBuilder noFile = new MultipartBodyBuilder();
		noFile.part("_csrf", portal.csrfToken());
		noFile.part("alt", "nothing");
		portal.postMultipart("/media/uploads", noFile.build()).expectStatus().isEqualTo(415)
			.expectBody(JSON).value(answer -> assertThat(answer).containsEntry("error", "Choose an image file to upload."));
	}

	@Test
	void anOversizedUploadFromTheEditorIsRefusedInJson() throws IOException {
		byte[] huge = new byte[30 * 1024 * 1024];
		byte[] header = MediaUploadTests.png(10, 10);
		System.arraycopy(header, 0, huge, 0, header.length);
		upload("huge.png", huge, "big").expectStatus().isEqualTo(413)
			.expectBody(JSON).value(answer -> assertThat((String) answer.get("error")).contains("larger than 10 MB"));
	}

	@Test
	void anEditorUploadWithoutTheCsrfTokenIsRefused() throws IOException {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", file("sneaky.png", MediaUploadTests.png(5, 5)));
		portal.postMultipart("/media/uploads", parts.build()).expectStatus().isForbidden();
	}

	@Test
	void theUploadedImageIsServedByThePortalWithItsTypeAndNosniff() throws IOException {
		byte[] png = MediaUploadTests.png(7, 7);
		String path = (String) upload("served.png", png, "served").expectStatus().isCreated().expectBody(JSON).returnResult()
			.getResponseBody().get("path");
		byte[] served = portal.get(path).expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_PNG)
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("sandbox"))
			.expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(served).isEqualTo(png);
	}

	@Test
	void anImageAnsweredOnceIsNotSentAgainToARevalidatingBrowser() throws IOException {
		String path = (String) upload("cached.png", MediaUploadTests.png(4, 4), "cached").expectBody(JSON).returnResult()
			.getResponseBody().get("path");
		String lastModified = portal.get(path).expectStatus().isOk().returnResult(byte[].class).getResponseHeaders()
			.getFirst(HttpHeaders.LAST_MODIFIED);
		portal.get(java.net.URI.create("http://localhost:" + port + path), HttpHeaders.IF_MODIFIED_SINCE, lastModified)
			.expectStatus().isNotModified();
	}

	@Test
	void theDemoImagesInASubdirectoryAreServedAsSvg() throws IOException {
		Path demo = properties.dir().resolve("demo");
		Files.createDirectories(demo);
		Files.writeString(demo.resolve("editor-test-chart.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
		portal.get("/media/demo/editor-test-chart.svg").expectStatus().isOk()
			.expectHeader().contentType("image/svg+xml")
			.expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("sandbox"));
	}

	@Test
	void nothingOutsideTheMediaDirectoryNorAnythingButAnImageIsServed() throws IOException {
		Path root = properties.dir().toAbsolutePath();
		Files.createDirectories(root);
		Path outside = root.getParent().resolve("editor-media-secret.png");
		Files.write(outside, MediaUploadTests.png(3, 3));
		Files.writeString(root.resolve("page.html"), "<script>alert(1)</script>");
		Files.write(root.resolve(".upload-half.png"), MediaUploadTests.png(3, 3));
		Path link = root.resolve("link-out.png");
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, outside);
		for (String path : List.of("/media/../editor-media-secret.png", "/media/%2e%2e/editor-media-secret.png",
				"/media/..%2Feditor-media-secret.png", "/media/demo/..%2F..%2Feditor-media-secret.png",
				"/media/%2Fetc%2Fpasswd", "/media/page.html", "/media/.upload-half.png", "/media/link-out.png",
				"/media/missing-file.png", "/media/", "/media/a/b/c/d/e/f.png", "/media/bad%00name.png")) {
			portal.get(java.net.URI.create("http://localhost:" + port + path), null, null)
				.expectStatus().value(status -> assertThat(status).as(path).isBetween(400, 404));
		}
	}

	@Test
	void mediaFilesAreForStaffOnly() throws IOException {
		String path = (String) upload("private.png", MediaUploadTests.png(3, 3), "private").expectBody(JSON).returnResult()
			.getResponseBody().get("path");
		web.get().uri(path).exchange().expectStatus().value(status -> assertThat(status).isIn(302, 303, 401));
	}

	WebTestClient.ResponseSpec upload(String name, byte[] content, String alt) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		parts.part("alt", alt);
		parts.part("file", file(name, content));
		return portal.postMultipart("/media/uploads", parts.build());
	}

	private static ByteArrayResource file(String name, byte[] content) {
		return new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		};
	}
}
