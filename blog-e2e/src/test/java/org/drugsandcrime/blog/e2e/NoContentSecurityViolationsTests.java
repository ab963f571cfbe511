package org.drugsandcrime.blog.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of public page of the demo blog in Debian's headless Chromium under the site's real
 * Content-Security-Policy: the browser reports no violation (the page's {@code securitypolicyviolation} events
 * and its console both watched), video players are framed, and the comment, subscribe and search forms still
 * send. The players' hosts cannot be reached from the build machine, so what is shown is that the browser lets
 * the frames load, not that a video plays.
 */
class NoContentSecurityViolationsTests {

	/** Records every violation the page reports, from before its first byte is parsed. */
	private static final String WATCH = """
			window.__violations = [];
			document.addEventListener('securitypolicyviolation', e => window.__violations.push(
			    e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
			""";

	private static final String VIDEO_POST = "/posts/evaluating-payment-by-results-pilots";

	private static final String COMMENTED_POST = "/posts/crossing-the-probation-rubicon";

	static BlogProcess web;

	@BeforeAll
	static void startTheDemoSite() throws Exception {
		String database = "demo_csp_" + ProcessHandle.current().pid();
		TestDatabase shared = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(shared.jdbcUrl(), shared.user(), shared.password())) {
			connection.createStatement().execute("DROP DATABASE IF EXISTS " + database);
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		String url = shared.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
		Path media = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "csp-media");
		// One browser on loopback is every reader here: the per-client render limit (120 a minute) would refuse it.
		web = BlogProcess.web(Map.of("BLOG_DB_URL", url, "BLOG_DEMO_CONTENT", "true", "BLOG_MEDIA_DIR", media.toString(),
				"BLOG_WEB_RENDERLIMIT_PERMINUTE", "0"));
	}

	@AfterAll
	static void stop() {
		if (web != null) {
			web.close();
		}
	}

	@Test
	void noPublicPageMakesChromiumReportAContentSecurityPolicyViolation() {
		// The demo post of the series is dated 290 days before the demo was loaded, in the site's time zone.
		LocalDate rubicon = LocalDate.ofInstant(Instant.now().minus(Duration.ofDays(290)), ZoneId.of("Europe/London"));
		Map<String, Integer> pages = new LinkedHashMap<>();
		pages.put("/", 200);
		pages.put("/page/2", 200);
		pages.put(VIDEO_POST, 200);
		pages.put(COMMENTED_POST, 200);
		pages.put("/category/on-probation", 200);
		pages.put("/tag/probation", 200);
		pages.put("/series/pbr-video-interviews", 200);
		pages.put("/author/helen-ashworth", 200);
		pages.put("/archive/" + rubicon.getYear(), 200);
		pages.put("/search?q=probation", 200);
		pages.put("/search?q=", 200);
		pages.put("/pages/about", 200);
		pages.put("/subscribe", 200);
		pages.put("/unsubscribe?token=no-such-token", 404);
		pages.put("/no-such-page", 404);
		pages.put("/media/demo/probation-cover.svg", 200);
		try (Chromium chromium = Chromium.launch(); BrowserContext browser = chromium.browser().newContext();
				Page page = browser.newPage()) {
			List<String> console = watch(browser, page);
			for (var expected : pages.entrySet()) {
				Response response = page.navigate(web.baseUrl() + expected.getKey());
				assertThat(response.status()).as(expected.getKey()).isEqualTo(expected.getValue());
				assertThat(response.headerValue("content-security-policy")).as(expected.getKey()).isNotBlank();
				// Lazy images and frames are fetched (and checked against the policy) only once near the window.
				page.evaluate("() => window.scrollTo(0, document.body ? document.body.scrollHeight : 0)");
				page.waitForLoadState();
				page.waitForTimeout(300);
				assertThat(violations(page)).as("violations reported by " + expected.getKey()).isEmpty();
			}
			assertThat(console).as("console messages about a policy").isEmpty();
		}
	}

	@Test
	void theVideoPlayerIsFramedFromAnAllowedHostWhileAnyOtherFrameIsBlocked() {
		try (Chromium chromium = Chromium.launch(); BrowserContext browser = chromium.browser().newContext();
				Page page = browser.newPage()) {
			List<String> console = watch(browser, page);
			page.navigate(web.baseUrl() + VIDEO_POST);
			var player = page.locator("article iframe").first();
			assertThat(player.getAttribute("src")).startsWith("https://www.youtube-nocookie.com/embed/");
			player.scrollIntoViewIfNeeded();
			// The frame was created and navigated: with frame-src refusing it, Chromium reports the violation here.
			page.waitForCondition(() -> page.frames().size() > 1, new Page.WaitForConditionOptions().setTimeout(10_000));
			page.waitForTimeout(500);
			assertThat(violations(page)).as("violations on the video post").isEmpty();
			assertThat(console).as("console messages about a policy on the video post").isEmpty();

			// The watcher is not blind: a frame from anywhere else is refused and reported.
			page.evaluate("() => { const f = document.createElement('iframe'); f.src = 'https://evil.example/'; document.body.append(f); }");
			page.waitForCondition(() -> !violations(page).isEmpty(), new Page.WaitForConditionOptions().setTimeout(10_000));
			assertThat(violations(page)).singleElement().asString().startsWith("frame-src blocked https://evil.example");
		}
	}

	@Test
	void theCommentSubscribeAndSearchFormsStillSend() {
		try (Chromium chromium = Chromium.launch(); BrowserContext browser = chromium.browser().newContext();
				Page page = browser.newPage()) {
			List<String> console = watch(browser, page);
			page.navigate(web.baseUrl() + COMMENTED_POST);
			page.fill("#comment-name", "Ada Reader");
			page.fill("#comment-email", "ada@example.org");
			page.fill("#comment-body", "Sent under the site's Content-Security-Policy.");
			Response commented = page.waitForNavigation(() -> page.click("form[action$='/comments'] button[type=submit]"));
			assertThat(page.url()).startsWith(web.baseUrl() + COMMENTED_POST);
			assertThat(commented.status()).isEqualTo(200);
			assertThat(page.content()).contains("waiting for moderation");
			assertThat(violations(page)).as("after the comment").isEmpty();

			page.navigate(web.baseUrl() + "/subscribe");
			page.fill("main form[action='/subscribe'] input[name=email]", "ada@example.org");
			page.waitForNavigation(() -> page.click("main form[action='/subscribe'] button[type=submit]"));
			assertThat(page.url()).isEqualTo(web.baseUrl() + "/subscribe");
			assertThat(page.content()).contains("Check your inbox");
			assertThat(violations(page)).as("after subscribing").isEmpty();

			page.fill("#site-search", "probation");
			page.waitForNavigation(() -> page.press("#site-search", "Enter"));
			assertThat(page.url()).startsWith(web.baseUrl() + "/search?q=probation");
			assertThat(violations(page)).as("after searching").isEmpty();
			assertThat(console).as("console messages about a policy").isEmpty();
		}
	}

	/** Installs the violation watcher in every document of the context, and collects console messages about policies. */
	private static List<String> watch(BrowserContext browser, Page page) {
		browser.addInitScript(WATCH);
		List<String> messages = Collections.synchronizedList(new ArrayList<>());
		page.onConsoleMessage(message -> {
			String text = message.text();
			if (text.contains("Content Security Policy") || text.contains("Content-Security-Policy")
					|| text.contains("Permissions-Policy") || text.contains("Permissions Policy")) {
				messages.add(page.url() + ": " + text);
			}
		});
		return messages;
	}

	@SuppressWarnings("unchecked")
	private static List<String> violations(Page page) {
		Object found = page.evaluate("() => window.__violations || []");
		return found instanceof List<?> list ? (List<String>) list : List.of();
	}
}
