package org.drugsandcrime.blog.admin.wordpress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.WordPressSample;
import org.drugsandcrime.blog.wordpress.importing.ImportRun;
import org.drugsandcrime.blog.wordpress.importing.ImportState;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin uploads a WordPress export and lands on the run's page, which follows the import (its progress also as
 * JSON for the page's script) and ends with the report; a file that is no WordPress export ends with a page that says
 * what was wrong, never a server error. The export downloads as a dated attachment. Imports and exports are audited.
 */
@PortalTest
class ImportScreensTests {

	static final Pattern RUN = Pattern.compile("^/wordpress/imports/(\\d+)\\?done=started$");

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	WordPressImport imports;

	@Autowired
	AuditLog audit;

	StaffUser admin;

	Portal portal;

	@BeforeEach
	void signIn() {
		admin = staff.create(Role.ADMIN);
		portal = Portal.signIn(web, admin);
	}

	@Test
	void theSampleImportsAndItsPageEndsWithTheReport() throws IOException {
		long id = upload("sample-50.wxr", sample());
		String json = portal.get("/wordpress/imports/" + id + "/progress").expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(json).contains("\"id\":" + id).contains("\"totalBytes\":" + sample().length).containsPattern("\"state\":\"(running|finished)\"");

		ImportRun run = ended(id);
		assertThat(run.state()).as(run.failure()).isEqualTo(ImportState.FINISHED);
		String page = portal.page("/wordpress/imports/" + id);
		assertThat(page).contains("<h1>Imported sample-50.wxr</h1>").contains("id=\"report\"")
			.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")
			.doesNotContain("data-progress-url").doesNotContain("http-equiv=\"refresh\"");
		assertThat(countRow(page, "posts")).containsSequence("Posts", "50", "50");
		assertThat(countRow(page, "pages")).containsSequence("Pages", "2", "2");
		assertThat(countRow(page, "comments")).containsSequence("Comments", "129");
		assertThat(portal.get("/wordpress/imports/" + id + "/progress").expectBody(String.class).returnResult().getResponseBody())
			.contains("\"state\":\"finished\"").contains("\"percent\":100");
		assertThat(portal.page("/wordpress")).contains("href=\"/wordpress/imports/" + id + "\">sample-50.wxr</a>");
		assertThat(audited("wordpress.import", Long.toString(id))).isTrue();
	}

	@Test
	void aFileThatIsNotXmlEndsWithAPageSayingSoAndItsUploadIsDeleted() throws IOException {
		List<Path> folders = importFolders();
		assertStopsWithAReason("notes.xml", "These are my notes, not an export.\n".getBytes(StandardCharsets.UTF_8));
		Flux.interval(Duration.ofMillis(200)).onBackpressureDrop().map(tick -> noFolderBut(folders)).filter(Boolean::booleanValue)
			.blockFirst(Duration.ofSeconds(20));
		assertThat(folders).containsAll(importFolders());
	}

	@Test
	void anRssFeedThatIsNotAWordPressExportEndsWithAPageSayingSo() {
		String feed = """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel><title>A feed</title><link>https://example.org/</link>
				<item><title>A post</title><link>https://example.org/a-post</link></item></channel></rss>
				""";
		assertStopsWithAReason("feed.xml", feed.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aTruncatedExportEndsWithAPageSayingSo() throws IOException {
		byte[] sample = sample();
		assertStopsWithAReason("cut-short.xml", Arrays.copyOf(sample, sample.length / 2));
	}

	@Test
	void anEmptyFileOrAnUploadsFileThatIsNoZipIsRefusedAndNothingStarts() throws IOException {
		long before = imports.recent().count().block();
		portal.postMultipart(WordPressController.IMPORTS, form("empty.xml", new byte[0], null)).expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("The export file is empty"));
		portal.postMultipart(WordPressController.IMPORTS, form("sample-50.wxr", sample(), "not a zip".getBytes()))
			.expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("The uploads file is not a zip"));
		assertThat(imports.recent().count().block()).isEqualTo(before);
	}

	@Test
	void theExportDownloadsAsADatedAttachmentAndIsAudited() {
		String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
		String body = portal.get(WordPressController.EXPORT).expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
			.expectHeader().value(HttpHeaders.CONTENT_DISPOSITION,
					value -> assertThat(value).startsWith("attachment").contains("blog-wordpress-" + today + ".xml"))
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(body).startsWith("<?xml").contains("<rss").contains("wordpress.org/export/");
		assertThat(audited("wordpress.export", null)).isTrue();
	}

	private void assertStopsWithAReason(String name, byte[] file) {
		long id = upload(name, file);
		ImportRun run = ended(id);
		assertThat(run.state()).isEqualTo(ImportState.FAILED);
		assertThat(run.failure()).isNotBlank();
		String page = portal.page("/wordpress/imports/" + id);
		assertThat(page).contains("id=\"import-failure\"").contains("stopped");
		assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(page)).contains(run.failure());
		portal.get("/wordpress/imports/" + id + "/progress").expectStatus().isOk().expectBody(String.class)
			.value(json -> assertThat(json).contains("\"state\":\"failed\""));
	}

	private long upload(String name, byte[] file) {
		String location = portal.postMultipart(WordPressController.IMPORTS, form(name, file, null))
			.expectStatus().is3xxRedirection()
			.returnResult(Void.class).getResponseHeaders().getLocation().toString();
		Matcher matcher = RUN.matcher(location);
		assertThat(matcher.matches()).as(location).isTrue();
		long id = Long.parseLong(matcher.group(1));
		assertThat(portal.page(location)).contains("The import has started");
		return id;
	}

	private ImportRun ended(long id) {
		return Flux.interval(Duration.ofMillis(200))
			.onBackpressureDrop()
			.concatMap(tick -> imports.find(id), 1)
			.filter(run -> run.state() != ImportState.RUNNING)
			.blockFirst(Duration.ofSeconds(90));
	}

	private MultiValueMap<String, org.springframework.http.HttpEntity<?>> form(String name, byte[] file, byte[] zip) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		parts.part("file", named(file, name));
		if (zip != null) {
			parts.part("uploads", named(zip, "uploads.zip"));
		}
		return parts.build();
	}

	private static ByteArrayResource named(byte[] content, String name) {
		return new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		};
	}

	/** The cells of the report's line for one type, in order. */
	private static java.util.List<String> countRow(String page, String type) {
		Matcher row = Pattern.compile("(?s)<tr id=\"count-" + type + "\">(.*?)</tr>").matcher(page);
		assertThat(row.find()).as("a line for " + type).isTrue();
		Matcher cell = Pattern.compile("<t[hd][^>]*>([^<]*)</t[hd]>").matcher(row.group(1));
		java.util.List<String> cells = new java.util.ArrayList<>();
		while (cell.find()) {
			cells.add(cell.group(1));
		}
		return cells;
	}

	private boolean audited(String action, String itemId) {
		return audit.newest(1000)
			.filter(entry -> action.equals(entry.action()) && admin.email().equals(entry.userEmail())
					&& (itemId == null || itemId.equals(entry.itemId())))
			.hasElements().block();
	}

	/** Whether the upload folders now are among {@code before} (earlier runs' folders may have gone meanwhile). */
	private static boolean noFolderBut(List<Path> before) {
		try {
			return before.containsAll(importFolders());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static List<Path> importFolders() throws IOException {
		try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return all.filter(path -> path.getFileName().toString().startsWith("blog-wordpress-import-")).sorted().toList();
		}
	}

	static byte[] sample() {
		return WordPressSample.bytes();
	}
}
