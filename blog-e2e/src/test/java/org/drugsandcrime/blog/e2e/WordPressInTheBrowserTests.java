package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin moves the sample WordPress site in through the portal, in Chromium, against the packaged apps: uploads
 * the export, watches the run's page follow the import without reloading (the page's script polls the progress and
 * brings in the report), reads the report (50 posts, 2 pages, 129 comments in the file), and an imported post answers
 * on the public site. To see the page while the import runs, whatever the machine's speed, the test holds a share
 * lock on the comments table until the page has polled: the import waits at its first comment, and carries on once
 * the lock goes.
 */
class WordPressInTheBrowserTests {

	static final String EMAIL = "e2e-wordpress@example.org";

	static final String PASSWORD = "a wordpress end-to-end password";

	static WordPressDatabase database;

	static BlogProcess web;

	static BlogProcess admin;

	@BeforeAll
	static void start() {
		database = WordPressDatabase.fresh("browser");
		web = BlogProcess.web(database.settings());
		Map<String, String> settings = new HashMap<>(database.settings());
		settings.putAll(Map.of("BLOG_ADMIN_EMAIL", EMAIL, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_BASE_URL", web.baseUrl()));
		admin = BlogProcess.admin(settings);
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@Test
	void anAdminImportsTheSampleAndWatchesItWithoutReloading() throws Exception {
		try (Chromium chromium = Chromium.launch();
				BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
				Page page = context.newPage()) {
			signIn(page);
			page.navigate(admin.baseUrl() + "/wordpress");
			assertThat(page.textContent("h1")).isEqualTo("WordPress");
			assertThat(Chromium.wcagViolations(page)).as("axe on /wordpress").isEmpty();

			try (Connection holder = database.connect()) {
				holder.setAutoCommit(false);
				try (Statement lock = holder.createStatement()) {
					lock.execute("LOCK TABLE comments IN SHARE MODE");
				}
				page.setInputFiles("#file", WordPressDatabase.SAMPLE);
				page.click("form[action='/wordpress/imports'] button[type=submit]");
				page.waitForURL(url -> url.matches(".*/wordpress/imports/\\d+\\?done=started"));
				assertThat(page.textContent("#notice")).isEqualTo("The import has started: this page follows it to the end.");
				assertThat(page.textContent("h1")).isEqualTo("Importing sample-50.wxr");
				assertThat(page.getAttribute("#run", "data-state")).isEqualTo("running");
				assertThat(page.isVisible("progress#import-progress")).isTrue();
				// A mark only this page (not a reloaded one) carries.
				page.evaluate("window.samePage = true");
				// Asked of the page itself, on this thread: Playwright is not to be called from another.
				Awaitility.await("the page polling the progress").pollInSameThread().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(200)).until(() -> polls(page) >= 2);
				holder.rollback();
			}

			page.waitForSelector("#report", new Page.WaitForSelectorOptions().setTimeout(120_000));
			assertThat(page.evaluate("window.samePage === true")).as("the report came without a reload").isEqualTo(true);
			assertThat(page.textContent("h1")).isEqualTo("Imported sample-50.wxr");
			assertThat(page.getAttribute("progress#import-progress", "value")).isEqualTo(page.getAttribute("progress#import-progress", "max"));
			assertThat(page.textContent("#import-words")).startsWith("Finished:");
			assertThat(cells(page, "posts")).startsWith("Posts", "50");
			assertThat(cells(page, "pages")).startsWith("Pages", "2");
			assertThat(cells(page, "comments")).startsWith("Comments", "129");
			assertThat(page.isVisible("#import-counts svg.chart")).isTrue();
			assertThat(Chromium.wcagViolations(page)).as("axe on the report").isEmpty();
		}

		String slug = firstPublishedPostSlug();
		Awaitility.await("the imported post on the public site").atMost(Duration.ofSeconds(30))
			.until(() -> PortalToSiteTests.status(web.baseUrl() + "/posts/" + slug) == 200);
	}

	/** How often the page has asked for the run's progress. */
	private static int polls(Page page) {
		return ((Number) page.evaluate("performance.getEntriesByType('resource')"
				+ ".filter(entry => /\\/wordpress\\/imports\\/\\d+\\/progress$/.test(entry.name)).length")).intValue();
	}

	static void signIn(Page page) {
		PortalToSiteTests.eventually(() -> accountExists());
		page.navigate(admin.baseUrl() + "/login");
		page.fill("#username", EMAIL);
		page.fill("#password", PASSWORD);
		page.click("button[type=submit]");
		page.waitForURL(admin.baseUrl() + "/");
	}

	private static boolean accountExists() {
		try (Connection connection = database.connect();
				var query = connection.prepareStatement("SELECT 1 FROM users WHERE lower(email) = lower(?)")) {
			query.setString(1, EMAIL);
			try (var rows = query.executeQuery()) {
				return rows.next();
			}
		}
		catch (java.sql.SQLException ex) {
			return false;
		}
	}

	private static List<String> cells(Page page, String type) {
		return page.locator("#count-" + type + " th, #count-" + type + " td").allTextContents().stream().map(String::strip).toList();
	}

	/** The slug of the sample's first published post, read from the file itself. */
	static String firstPublishedPostSlug() throws IOException {
		String xml = Files.readString(WordPressDatabase.SAMPLE, StandardCharsets.UTF_8);
		Matcher item = Pattern.compile("(?s)<item>(.*?)</item>").matcher(xml);
		while (item.find()) {
			String body = item.group(1);
			if (body.contains("<wp:post_type><![CDATA[post]]>") && body.contains("<wp:status><![CDATA[publish]]>")) {
				Matcher slug = Pattern.compile("<wp:post_name><!\\[CDATA\\[([^\\]]+)]]>").matcher(body);
				if (slug.find()) {
					return slug.group(1);
				}
			}
		}
		throw new IllegalStateException("The sample has no published post");
	}
}
