package org.drugsandcrime.blog.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo blog as readers' browsers see it, in Debian's headless Chromium: no WCAG 2.2 A or AA violation that
 * axe-core can find on any kind of page, and no sideways scrolling on a phone or a desktop.
 */
class ReadingTheDemoBlogTests {

	private static final String POST = "/posts/crossing-the-probation-rubicon";

	/** Home, a post with comments and the comment form, an archive, search results and the 404 page. */
	private static final Map<String, Integer> PAGES = Map.of("/", 200, POST, 200, "/category/on-probation", 200,
			"/search?q=probation", 200, "/no-such-page", 404);

	static BlogProcess web;

	@BeforeAll
	static void startTheDemoSite() throws Exception {
		// Demo content loads only into an empty database; the other end-to-end tests share theirs.
		String database = "demo_reading_" + ProcessHandle.current().pid();
		TestDatabase shared = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(shared.jdbcUrl(), shared.user(), shared.password())) {
			connection.createStatement().execute("DROP DATABASE IF EXISTS " + database);
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		String url = shared.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
		web = BlogProcess.web(Map.of("BLOG_DB_URL", url, "BLOG_DEMO_CONTENT", "true"));
	}

	@AfterAll
	static void stop() {
		if (web != null) {
			web.close();
		}
	}

	@Test
	void everyPathOfTheSiteAnswersWithItsContentOnTheDemoData() throws Exception {
		// The demo post is dated 290 days before the demo was loaded.
		// Archives follow the calendar in the site's time zone, Europe/London by default.
		LocalDate rubicon = LocalDate.ofInstant(Instant.now().minus(Duration.ofDays(290)), ZoneId.of("Europe/London"));
		Map<String, List<String>> expected = Map.ofEntries(
				Map.entry("/", List.of("Subscribe", "rel=\"alternate\"")),
				Map.entry("/page/2", List.of("<article")),
				Map.entry(POST, List.of("<h1>Crossing the probation Rubicon</h1>", "Share This Post", "Related posts",
						"Your email address will not be published", "application/ld+json")),
				Map.entry("/category/on-probation", List.of("On Probation")),
				Map.entry("/tag/probation", List.of("Crossing the probation Rubicon")),
				Map.entry("/author/helen-ashworth", List.of("Crossing the probation Rubicon")),
				Map.entry("/series/pbr-video-interviews", List.of("PbR video #1", "PbR video #2")),
				Map.entry("/archive/" + rubicon.getYear(), List.of("<article")),
				Map.entry("/archive/%d/%02d".formatted(rubicon.getYear(), rubicon.getMonthValue()),
						List.of("Crossing the probation Rubicon")),
				Map.entry("/pages/about", List.of("<h1")),
				Map.entry("/search?q=payment+results", List.of("<mark>", "results</mark>")),
				Map.entry("/search?q=" + URLEncoder.encode("\"probation Rubicon\"", StandardCharsets.UTF_8),
						List.of("<mark>Rubicon</mark>")));
		SoftAssertions softly = new SoftAssertions();
		for (var path : expected.entrySet()) {
			HttpResponse<String> response = get(path.getKey());
			softly.assertThat(response.statusCode()).as(path.getKey()).isEqualTo(200);
			for (String text : path.getValue()) {
				softly.assertThat(response.body().contains(text)).as(path.getKey() + " shows " + text).isTrue();
			}
		}
		softly.assertAll();
		String phrase = get("/search?q=" + URLEncoder.encode("\"probation Rubicon\"", StandardCharsets.UTF_8)).body();
		assertThat(phrase).as("a quoted phrase matches only the phrase").doesNotContain("the devil really is in the detail");
	}

	@Test
	void searchingForProbationRanksTheTitlesThatSayItFirstAndMarksEveryMatch() throws Exception {
		String html = get("/search?q=probation").body();
		// Titles carry the marks too; compare positions in the text a reader sees.
		String results = html.replaceAll("<[^>]+>", "");
		int titled = Math.max(results.indexOf("Crossing the probation Rubicon"),
				results.indexOf("Probation trust open-minded about payment by results"));
		int bodyOnly = results.indexOf("The lessons from justice reinvestment");
		assertThat(titled).as("both posts with probation in the title are found").isPositive();
		assertThat(bodyOnly).as("a post that says probation only in its body is found").isPositive();
		assertThat(titled).as("title matches rank above body matches").isLessThan(bodyOnly);
		assertThat(html).containsIgnoringCase("<mark>probation</mark>");
	}

	@Test
	void axeFindsNoWcagViolationOnAnyKindOfPage() {
		try (Chromium chromium = Chromium.launch(); Page page = chromium.browser().newPage()) {
			for (var path : PAGES.entrySet()) {
				Response response = page.navigate(web.baseUrl() + path.getKey());
				assertThat(response.status()).as(path.getKey()).isEqualTo(path.getValue());
				assertThat(Chromium.wcagViolations(page)).as("axe on " + path.getKey()).isEmpty();
			}
		}
	}

	@Test
	void aPostNeverScrollsSidewaysOnAPhoneOrADesktop() {
		try (Chromium chromium = Chromium.launch(); Page page = chromium.browser().newPage()) {
			for (int width : new int[] { 360, 1280 }) {
				page.setViewportSize(width, 800);
				page.navigate(web.baseUrl() + POST);
				Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
				assertThat(((Number) overflow).intValue()).as("pixels wider than a " + width + " px window").isLessThanOrEqualTo(0);
				assertThat(page.locator("h1").first().isVisible()).isTrue();
			}
		}
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web.baseUrl() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
