package org.drugsandcrime.blog.admin.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.media.Media;
import org.drugsandcrime.blog.core.media.MediaProperties;
import org.drugsandcrime.blog.core.media.MediaRepository;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class MediaUploadTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	MediaRepository media;

	@Autowired
	MediaProperties properties;

	@Autowired
	AuditLog audit;

	Portal portal;

	StaffUser author;

	@BeforeEach
	void signIn() {
		author = staff.create(Role.AUTHOR);
		portal = Portal.signIn(web, author);
	}

	@Test
	void aRealPngIsStoredUnderANameOfItsOwnAndRecorded() throws IOException {
		Media stored = uploaded("chart.png", png(40, 30));
		long id = stored.id();
		assertThat(stored.contentType()).isEqualTo("image/png");
		assertThat(stored.width()).isEqualTo(40);
		assertThat(stored.height()).isEqualTo(30);
		assertThat(stored.fileName()).startsWith("chart-").endsWith(".png");
		assertThat(Files.size(properties.dir().resolve(stored.fileName()))).isEqualTo(stored.sizeBytes());
		assertThat(portal.page("/media")).contains("/media/" + stored.fileName());
		assertThat(audit.newest(1000).filter(entry -> "media".equals(entry.itemType()) && Long.toString(id).equals(entry.itemId()))
			.map(entry -> entry.userEmail() + " " + entry.action()).collectList().block())
			.containsExactly(author.email() + " media.upload");
	}

	@Test
	void aTextFileNamedPngIsRefusedByItsContent() throws IOException {
		List<Path> before = files();
		upload("innocent.png", "just some text, not an image".getBytes(StandardCharsets.UTF_8))
			.expectStatus().isEqualTo(415)
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("is not an image we accept, whatever its name says"));
		assertThat(files()).isEqualTo(before);
	}

	@Test
	void anSvgWithAScriptIsRefused() throws IOException {
		List<Path> before = files();
		String svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";
		upload("logo.svg", svg.getBytes(StandardCharsets.UTF_8)).expectStatus().isEqualTo(415)
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("SVG images are not accepted: they can carry scripts"));
		assertThat(files()).isEqualTo(before);
	}

	@Test
	void aThirtyMegabyteImageIsRefusedWhileItStreamsIn() throws IOException {
		List<Path> before = files();
		byte[] huge = new byte[30 * 1024 * 1024];
		byte[] header = png(10, 10);
		System.arraycopy(header, 0, huge, 0, header.length);
		upload("huge.png", huge).expectStatus().isEqualTo(413)
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("The file is larger than 10 MB"));
		assertThat(files()).isEqualTo(before);
	}

	@Test
	void anUploadWithoutItsCsrfTokenIsRefused() throws IOException {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(png(5, 5)) {
			@Override
			public String getFilename() {
				return "sneaky.png";
			}
		});
		portal.postMultipart("/media", parts.build()).expectStatus().isForbidden();
	}

	@Test
	void anImageNoPostUsesIsDeletedWithItsFile() throws IOException {
		Media stored = uploaded("deleted.png");
		assertThat(portal.page("/media")).contains("Delete deleted.png");
		portal.post("/media/" + stored.id() + "/delete").expectStatus().is3xxRedirection().expectHeader().location("/media?done=deleted");
		assertThat(media.findById(stored.id()).block()).isNull();
		assertThat(properties.dir().resolve(stored.fileName())).doesNotExist();
		assertThat(audit.newest(1000).filter(entry -> "media.delete".equals(entry.action())
				&& Long.toString(stored.id()).equals(entry.itemId())).hasElements().block()).isTrue();
		portal.post("/media/" + stored.id() + "/delete").expectStatus().isNotFound();
		portal.post("/media/abc/delete").expectStatus().value(status -> assertThat(status).isBetween(400, 499));
	}

	@Test
	void theEditorOffersLibraryImagesAsThumbnailsForTheCoverWithTheChosenOneSelected() throws IOException {
		Media stored = uploaded("cover.png");
		String path = "/media/" + stored.fileName();
		assertThat(portal.page("/posts/new")).contains("<input type=\"radio\" name=\"coverImage\" value=\"" + path + "\">")
			.contains("<img src=\"" + path + "\"").contains("cover.png: A chart");
		String location = portal.post("/posts", "title", "With a cover", "slug", "cover-" + System.nanoTime(),
				"coverImage", path, "action", "save").expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		assertThat(portal.page(location)).contains("value=\"" + path + "\" checked=\"checked\"");
	}

	@Test
	void aCoverSetToAnotherAddressStaysOnOfferAndSelected() {
		String location = portal.post("/posts", "title", "With an outside cover", "slug", "outside-cover-" + System.nanoTime(),
				"coverImage", "https://images.example.org/cover.jpg", "action", "save").expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		assertThat(portal.page(location)).contains("value=\"https://images.example.org/cover.jpg\" checked=\"checked\"")
			.contains("The current cover: https://images.example.org/cover.jpg");
	}

	@Test
	void anImageAPostShowsIsKeptAndThePageSaysWhere() throws IOException {
		Media stored = uploaded("in-use.png");
		String title = "Reoffending in charts " + System.nanoTime();
		portal.post("/posts", "title", title, "slug", "charts-" + System.nanoTime(),
				"body", "![Rates](/media/" + stored.fileName() + ")", "action", "save").expectStatus().is3xxRedirection();
		portal.post("/media/" + stored.id() + "/delete").expectStatus().isEqualTo(409).expectBody(String.class)
			.value(html -> assertThat(html).contains("Still used by “" + title + "”"));
		assertThat(media.findById(stored.id()).block()).isNotNull();
		assertThat(properties.dir().resolve(stored.fileName())).exists();
	}

	@Test
	void anAuthorCannotDeleteAnotherAuthorsImage() throws IOException {
		Media stored = uploaded("someone-elses.png");
		Portal other = Portal.signIn(web, staff.create(Role.AUTHOR));
		assertThat(other.page("/media")).doesNotContain("Delete someone-elses.png");
		other.post("/media/" + stored.id() + "/delete").expectStatus().isForbidden();
		assertThat(media.findById(stored.id()).block()).isNotNull();
		Portal.signIn(web, staff.create(Role.EDITOR)).post("/media/" + stored.id() + "/delete").expectStatus().is3xxRedirection();
	}

	Media uploaded(String name) throws IOException {
		return uploaded(name, png(8, 8));
	}

	Media uploaded(String name, byte[] content) {
		String location = upload(name, content).expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		return media.findById(Long.parseLong(location.replaceAll("^.*[?&]uploaded=(\\d+).*$", "$1"))).block();
	}

	WebTestClient.ResponseSpec upload(String name, byte[] content) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		parts.part("alt", "A chart of reoffending rates");
		parts.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		});
		return portal.postMultipart("/media", parts.build());
	}

	List<Path> files() throws IOException {
		Files.createDirectories(properties.dir());
		try (Stream<Path> listing = Files.list(properties.dir())) {
			return listing.sorted().toList();
		}
	}

	static byte[] png(int width, int height) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}
}
