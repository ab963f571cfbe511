package org.drugsandcrime.blog.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff work in the packaged admin portal and readers see the result on the packaged public site: two real
 * processes sharing one database, driven over HTTP and through headless Chromium.
 */
class PortalToSiteTests {

	static final String EMAIL = "e2e-editor@example.org";

	static final String PASSWORD = "an end-to-end password";

	static BlogProcess web;

	static BlogProcess admin;

	static Path media;

	@BeforeAll
	static void start() throws IOException {
		media = Files.createDirectories(Path.of("target", "e2e-media")).toAbsolutePath();
		web = BlogProcess.web(Map.of("BLOG_MEDIA_DIR", media.toString()));
		admin = BlogProcess.admin(Map.of("BLOG_ADMIN_EMAIL", EMAIL, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_BASE_URL",
				web.baseUrl(), "BLOG_ADMIN_PUBLISHING_INTERVAL", "500ms", "BLOG_MEDIA_DIR", media.toString()));
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@Test
	void aPostGoesFromDraftThroughPreviewToTheSiteAndFeedIsRevisedRestoredAndWithdrawn() {
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		String slug = "e2e-probation-" + System.nanoTime();
		String location = PortalClient.location(portal.post("/posts", form("Probation after the reunification", slug,
				"The *National Probation Service* took back supervision.", "save")));
		long id = Long.parseLong(location.replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		assertThat(status(web.baseUrl() + "/posts/" + slug)).isEqualTo(404);

		assertThat(portal.get("/posts/" + id + "/preview").body()).contains("Probation after the reunification")
			.contains("<em>National Probation Service</em>");

		assertThat(PortalClient.location(portal.post("/posts/" + id, form("Probation after the reunification", slug,
				"The *National Probation Service* took back supervision.", "publish")))).endsWith("?done=published");
		eventually(() -> body(web.baseUrl() + "/posts/" + slug).contains("Probation after the reunification"));
		eventually(() -> body(web.baseUrl() + "/feed").contains("/posts/" + slug));

		portal.post("/posts/" + id, form("Probation, two years on", slug, "A second look.", "save"));
		eventually(() -> body(web.baseUrl() + "/posts/" + slug).contains("Probation, two years on"));
		Matcher restore = Pattern.compile("/posts/" + id + "/revisions/(\\d+)/restore")
			.matcher(portal.get("/posts/" + id + "/revisions").body());
		assertThat(restore.find()).as("a revision to restore").isTrue();
		portal.post("/posts/" + id + "/revisions/" + restore.group(1) + "/restore", Map.of());
		eventually(() -> body(web.baseUrl() + "/posts/" + slug).contains("Probation after the reunification"));

		portal.post("/posts/" + id, form("Probation after the reunification", slug + "-renamed",
				"The *National Probation Service* took back supervision.", "save"));
		eventually(() -> status(web.baseUrl() + "/posts/" + slug + "-renamed") == 200);
		HttpResponse<String> old = get(web.baseUrl() + "/posts/" + slug);
		assertThat(old.statusCode()).as("the old address of a renamed post").isEqualTo(301);
		assertThat(old.headers().firstValue("Location").orElse("")).endsWith("/posts/" + slug + "-renamed");

		portal.post("/posts/" + id, form("Probation after the reunification", slug + "-renamed", "Withdrawn.", "unpublish"));
		eventually(() -> status(web.baseUrl() + "/posts/" + slug + "-renamed") == 404);
		eventually(() -> !body(web.baseUrl() + "/feed").contains("/posts/" + slug));

		String audit = portal.get("/audit").body();
		for (String action : new String[] { "post.create", "post.save", "post.publish", "post.restore", "post.unpublish" }) {
			assertThat(audit).containsPattern("(?s)" + Pattern.quote(EMAIL) + "</td>\\s*<td[^>]*>" + Pattern.quote(action)
					+ "</td>\\s*<td[^>]*>post " + id + "</td>");
		}
	}

	@Test
	void aScheduledPostAppearsOnTheSiteAtItsTimeAndIsAnnouncedOnce() throws SQLException {
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		String slug = "e2e-scheduled-" + System.nanoTime();
		long id = Long.parseLong(PortalClient.location(portal.post("/posts", form("Scheduled for later", slug, "Soon.", "save")))
			.replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		Instant at = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
		Map<String, String> schedule = form("Scheduled for later", slug, "Soon.", "schedule");
		schedule.put("publishAt", LocalDateTime.ofInstant(at, ZoneId.of("Europe/London")).toString());
		assertThat(PortalClient.location(portal.post("/posts/" + id, schedule))).endsWith("?done=scheduled");
		assertThat(status(web.baseUrl() + "/posts/" + slug)).isEqualTo(404);

		eventually(() -> status(web.baseUrl() + "/posts/" + slug) == 200);
		assertThat(Instant.now()).isAfterOrEqualTo(at);
		eventually(() -> wentLive(id) > 0);
		assertThat(wentLive(id)).isEqualTo(1);
	}

	@Test
	void inHeadlessChromiumAnEditorSignsInWritesAndPublishesAndReadersSeeThePost() {
		String slug = "e2e-browser-" + System.nanoTime();
		try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser().newContext();
				Page page = context.newPage()) {
			eventually(() -> PortalClient.accountExists(EMAIL));
			page.navigate(admin.baseUrl() + "/login");
			page.fill("#username", EMAIL);
			page.fill("#password", PASSWORD);
			page.click("button[type=submit]");
			page.waitForURL(admin.baseUrl() + "/");
			assertThat(page.textContent("h1")).isEqualTo("Dashboard");

			page.navigate(admin.baseUrl() + "/posts/new");
			page.fill("#title", "Written in a real browser");
			page.fill("#slug", slug);
			page.fill("#body", "Drug treatment **works** when it is funded.");
			page.waitForSelector("#preview strong");
			page.click("button[value=confirm-publish]");
			page.click("#publish-with-email");
			page.waitForURL(url -> url.contains("?done=published"));

			page.navigate(web.baseUrl() + "/posts/" + slug);
			assertThat(page.content()).contains("Written in a real browser").contains("<strong>works</strong>");
		}
	}

	@Test
	void anApprovedCommentShowsUnderThePostAndSpamAndTrashDoNot() throws SQLException {
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		String slug = "e2e-comments-" + System.nanoTime();
		long id = Long.parseLong(PortalClient.location(portal.post("/posts", form("Open for comments", slug, "Discuss.", "save")))
			.replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		portal.post("/posts/" + id, form("Open for comments", slug, "Discuss.", "publish"));
		long good = pendingComment(id, "A reader's considered view " + slug);
		long spam = pendingComment(id, "Buy cheap followers " + slug);
		long rude = pendingComment(id, "Something rude " + slug);

		portal.post("/comments/moderate", Map.of("ids", Long.toString(good), "action", "approve", "from", "pending"));
		portal.post("/comments/moderate", Map.of("ids", Long.toString(spam), "action", "spam", "from", "pending"));
		portal.post("/comments/moderate", Map.of("ids", Long.toString(rude), "action", "trash", "from", "pending"));

		eventually(() -> body(web.baseUrl() + "/posts/" + slug).contains("A reader&#39;s considered view " + slug)
				|| body(web.baseUrl() + "/posts/" + slug).contains("A reader's considered view " + slug));
		String page = body(web.baseUrl() + "/posts/" + slug);
		assertThat(page).doesNotContain("Buy cheap followers").doesNotContain("Something rude");
	}

	static long pendingComment(long postId, String text) throws SQLException {
		TestDatabase database = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
				PreparedStatement insert = connection.prepareStatement("INSERT INTO comments (post_id, author_name, author_email, "
						+ "body, status, created_at) VALUES (?, 'A reader', 'reader@example.org', ?, 'PENDING', now()) RETURNING id")) {
			insert.setLong(1, postId);
			insert.setString(2, text);
			try (ResultSet rows = insert.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	@Test
	void settingsChangedInThePortalShowOnThePublicSite() {
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		String tagline = "Research, policy and practice " + System.nanoTime();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("title", "Keep up-to-date with drugs and crime");
		settings.put("tagline", tagline);
		settings.put("description", "Criminal justice and drug treatment.");
		settings.put("contactEmail", "editor@example.org");
		settings.put("contactDetails", "Write to the editor.");
		settings.put("postsPerPage", "10");
		assertThat(PortalClient.location(portal.post("/settings", settings))).endsWith("?done=saved");
		eventually(() -> body(web.baseUrl() + "/").contains(tagline));
	}

	@Test
	void anImageUploadedInThePortalIsServedByThePublicSite() throws IOException {
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png", png);
		String location = PortalClient.location(portal.upload("/media", "chart.png", png.toByteArray()));
		Matcher stored = Pattern.compile("/media/(chart-[0-9a-f]{8}\\.png)").matcher(portal.get("/media").body());
		assertThat(stored.find()).as("the library lists the upload (" + location + ")").isTrue();
		HttpResponse<byte[]> served = getBytes(web.baseUrl() + "/media/" + stored.group(1));
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).isEqualTo(png.toByteArray());
	}

	static HttpResponse<byte[]> getBytes(String url) {
		try {
			return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> form(String title, String slug, String body, String action) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("title", title);
		form.put("slug", slug);
		form.put("body", body);
		form.put("categories", "On Probation");
		form.put("tags", "probation");
		form.put("action", action);
		return form;
	}

	static long wentLive(long postId) {
		TestDatabase database = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
				PreparedStatement query = connection.prepareStatement(
						"SELECT count(*) FROM audit_log WHERE action = 'post.went-live' AND item_id = ?")) {
			query.setString(1, Long.toString(postId));
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int status(String url) {
		return get(url).statusCode();
	}

	static String body(String url) {
		return get(url).body();
	}

	static HttpResponse<String> get(String url) {
		try {
			return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
				.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Polls until the condition holds: changes reach other processes within milliseconds, schedules within seconds. */
	static void eventually(BooleanSupplier condition) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(condition::getAsBoolean);
	}
}
