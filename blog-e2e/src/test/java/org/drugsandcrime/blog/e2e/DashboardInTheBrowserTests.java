package org.drugsandcrime.blog.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.drugsandcrime.blog.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers read a post in a real browser on the packaged public site; staff open the packaged portal's dashboard
 * in Chromium at a desktop and a phone width and see those views drawn: an editor the whole site, an author their
 * own posts, with no link that answers 403.
 */
class DashboardInTheBrowserTests {

	static final String EMAIL = "e2e-dashboard-admin@example.org";

	static final String PASSWORD = "a dashboard end-to-end password";

	static final String AUTHOR_PASSWORD = "an author's own long password";

	/** A browser that says what it is, as readers' browsers do (headless Chromium calls itself HeadlessChrome, a robot). */
	static final String READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

	static BlogProcess web;

	static BlogProcess admin;

	@BeforeAll
	static void start() {
		web = BlogProcess.web(Map.of("BLOG_WEB_VIEWS_FLUSH_INTERVAL", "300ms"));
		admin = BlogProcess.admin(Map.of("BLOG_ADMIN_EMAIL", EMAIL, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_BASE_URL",
				web.baseUrl()));
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void readersViewsAppearOnTheDashboardAndAnAuthorSeesOnlyTheirOwnWithNoLinkThatAnswers403(int width) throws SQLException {
		PortalClient editor = PortalClient.signIn(admin, EMAIL, PASSWORD);
		String authorEmail = "e2e-dashboard-author-" + width + "-" + System.nanoTime() + "@example.org";
		assertThat(editor.post("/users", Map.of("email", authorEmail, "displayName", "Dashboard Author " + width, "role",
				"AUTHOR", "password", PortalClient.givenPassword(AUTHOR_PASSWORD))).statusCode() / 100).isEqualTo(3);
		PortalClient.chooseFirstPassword(admin, authorEmail, AUTHOR_PASSWORD);
		PortalClient author = PortalClient.signIn(admin, authorEmail, AUTHOR_PASSWORD);
		String mine = "Probation caseloads, read " + width + " " + System.nanoTime();
		String slug = "e2e-dashboard-" + width + "-" + System.nanoTime();
		// Without categories or tags: only editors may create terms, and this database has none yet.
		Map<String, String> draft = PortalToSiteTests.form(mine, slug, "Caseloads rose again.", "save");
		draft.put("categories", "");
		draft.put("tags", "");
		long id = Long.parseLong(PortalClient.location(author.post("/posts", draft)).replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		assertThat(PortalClient.location(editor.post("/posts/" + id, PortalToSiteTests.form(mine, slug, "Caseloads rose again.",
				"publish")))).contains("published");
		String theirs = "An editor's own post " + width + " " + System.nanoTime();
		String theirSlug = "e2e-dashboard-editor-" + width + "-" + System.nanoTime();
		long theirId = Long.parseLong(PortalClient.location(editor.post("/posts",
				PortalToSiteTests.form(theirs, theirSlug, "Not the author's.", "save"))).replaceAll("^/posts/(\\d+)/edit.*$", "$1"));
		assertThat(PortalClient.location(editor.post("/posts/" + theirId, PortalToSiteTests.form(theirs, theirSlug,
				"Not the author's.", "publish")))).contains("published");
		PortalToSiteTests.eventually(() -> PortalToSiteTests.status(web.baseUrl() + "/posts/" + slug) == 200
				&& PortalToSiteTests.status(web.baseUrl() + "/posts/" + theirSlug) == 200);

		try (Chromium chromium = Chromium.launch()) {
			// Three readers read the author's post and one reads the editor's (a browser's own second visit would
			// revalidate and get a 304, which is not counted again).
			for (String path : List.of(slug, slug, slug, theirSlug)) {
				try (BrowserContext reader = chromium.browser().newContext(new Browser.NewContextOptions().setUserAgent(READER_AGENT));
						Page page = reader.newPage()) {
					assertThat(page.navigate(web.baseUrl() + "/posts/" + path).status()).isEqualTo(200);
					assertThat(reader.cookies()).as("the public site sets no cookie").isEmpty();
				}
			}
			PortalToSiteTests.eventually(() -> views(id) == 3 && views(theirId) == 1);

			try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
					Page page = context.newPage()) {
				signIn(page, EMAIL, PASSWORD);
				assertThat(page.locator("svg.chart[role=img]").count()).isEqualTo(5);
				assertThat(page.locator("svg.chart").first().boundingBox().width).as("a chart as wide as its card").isGreaterThan(300);
				assertThat(page.locator("#most-read table").textContent()).contains(mine).contains(theirs);
				assertThat(page.locator("#most-read-chart-desc").textContent()).startsWith("The ");
				assertThat(noSidewaysScrolling(page)).isTrue();
				page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
					.setPath(Path.of("target", "e2e-logs", "dashboard-editor-" + width + ".png")));
				assertThat(Chromium.wcagViolations(page)).as("axe on the editor's dashboard").isEmpty();
			}

			try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
					Page page = context.newPage()) {
				signIn(page, authorEmail, AUTHOR_PASSWORD);
				assertThat(page.locator("svg.chart[role=img]").count()).isEqualTo(4);
				assertThat(page.locator("#most-read table").textContent()).contains(mine).doesNotContain(theirs);
				assertThat(page.locator("#views-per-day-chart-desc").textContent()).contains(": 3 in all");
				assertThat(page.content()).doesNotContain("subscribers-chart");
				assertThat(noSidewaysScrolling(page)).isTrue();
				page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
					.setPath(Path.of("target", "e2e-logs", "dashboard-author-" + width + ".png")));
				assertThat(Chromium.wcagViolations(page)).as("axe on the author's dashboard").isEmpty();

				Set<String> links = new LinkedHashSet<>();
				for (Object href : (List<?>) page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")) {
					links.add((String) href);
				}
				assertThat(links).contains(admin.baseUrl() + "/posts/" + id + "/edit");
				for (String link : links) {
					if (link.startsWith(admin.baseUrl())) {
						assertThat(context.request().get(link).status()).as(link).isNotEqualTo(403).isLessThan(400);
					}
				}
			}
		}
	}

	private static void signIn(Page page, String email, String password) {
		page.navigate(admin.baseUrl() + "/login");
		page.fill("#username", email);
		page.fill("#password", password);
		page.click("button[type=submit]");
		page.waitForURL(admin.baseUrl() + "/");
		assertThat(page.textContent("h1")).isEqualTo("Dashboard");
	}

	private static boolean noSidewaysScrolling(Page page) {
		return (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
	}

	static long views(long postId) {
		TestDatabase database = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
				PreparedStatement query = connection.prepareStatement(
						"SELECT coalesce(sum(views), 0) FROM post_daily_views WHERE post_id = ?")) {
			query.setLong(1, postId);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
