package org.drugsandcrime.blog.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.drugsandcrime.blog.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every screen of the portal in Debian's headless Chromium on a desktop (1280 px) and a phone (390 px), with the
 * demo content and some awkward data in its tables: no WCAG 2.2 A or AA violation axe-core can find, nothing wider
 * than the window, tables as labelled cards on the phone, and the navigation collapsed behind a menu there.
 *
 * <p>The screens are found by following the portal's own links from the dashboard (one page for each kind of
 * address, ids set aside), so a screen added to the portal is covered as soon as something links to it;
 * {@link #KNOWN_SCREENS} makes sure the walk does not quietly lose one.
 */
class PhonesInTheBrowserTests {

	static final String EMAIL = "phones-admin@example.org";

	static final String PASSWORD = "a phone-sized password";

	static final String AUTHOR_EMAIL = "phones-author@example.org";

	static final String AUTHOR_PASSWORD = "an author's long password";

	/**
	 * Screens an admin must reach (by links, or by the editor's buttons and the posts' filter, which the walk starts
	 * from); addresses with ids written as {n}.
	 */
	static final Set<String> KNOWN_SCREENS = Set.of("/", "/posts", "/posts/new", "/posts/{n}/edit", "/posts/{n}/preview",
			"/posts/{n}/publish", "/posts?state=trash",
			"/posts/{n}/revisions", "/comments", "/media", "/taxonomy/category", "/taxonomy/tag", "/taxonomy/series", "/pages",
			"/pages/new", "/pages/{n}/edit", "/navigation", "/settings", "/users", "/subscribers", "/outbox", "/audit",
			"/account", "/wordpress");

	/** Screens whose tables must have rows here, so that the cards are seen. */
	static final Set<String> SCREENS_WITH_ROWS = Set.of("/posts", "/posts?state=trash", "/pages", "/taxonomy/category", "/taxonomy/tag",
			"/navigation", "/users", "/subscribers", "/outbox", "/audit");

	/** A word and an address far wider than a phone, as staff paste them. */
	static final String LONG_WORD = "Antidisestablishmentarianism".repeat(4);

	static final String LONG_URL = "https://www.example.org/reports/2026/" + "justice-reinvestment-".repeat(6) + "final.pdf";

	static final Path SCREENSHOTS = Path.of("target", "phones-screenshots");

	static String databaseUrl;

	/** The public site: it serves the images the portal shows, and its pages are not the walk's business. */
	static BlogProcess web;

	static BlogProcess admin;

	static long postId;

	@BeforeAll
	static void startThePortalWithTheDemoContent() throws Exception {
		// Demo content loads only into an empty database; the other end-to-end tests share theirs.
		String database = "phones_" + ProcessHandle.current().pid();
		TestDatabase shared = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(shared.jdbcUrl(), shared.user(), shared.password())) {
			connection.createStatement().execute("DROP DATABASE IF EXISTS " + database);
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		databaseUrl = shared.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
		Path media = Files.createDirectories(Path.of("target", "phones-media")).toAbsolutePath();
		// The site first, alone: it migrates the empty database; the portal then loads the demo content into it.
		web = BlogProcess.web(Map.of("BLOG_DB_URL", databaseUrl, "BLOG_MEDIA_DIR", media.toString()));
		admin = BlogProcess.admin(Map.of("BLOG_DB_URL", databaseUrl, "BLOG_DEMO_CONTENT", "true", "BLOG_ADMIN_EMAIL", EMAIL,
				"BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_MEDIA_DIR", media.toString(), "BLOG_BASE_URL", web.baseUrl()));
		Files.createDirectories(SCREENSHOTS);
		try (var old = Files.list(SCREENSHOTS)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser().newContext()) {
			PortalToSiteTests.eventually(() -> count("SELECT count(*) FROM users WHERE email = '" + EMAIL + "'") > 0
					&& count("SELECT count(*) FROM posts") > 0);
			Page page = signIn(context, EMAIL, PASSWORD);
			awkwardData(context, page);
		}
	}

	@AfterAll
	static void stop() {
		if (admin != null) {
			admin.close();
		}
		if (web != null) {
			web.close();
		}
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 1280, 390 })
	void everyScreenOfAnAdminHasNoWcagViolationAndNothingWiderThanTheWindow(int width) {
		try (Chromium chromium = Chromium.launch(); BrowserContext context = newContext(chromium.browser(), width)) {
			SoftAssertions softly = new SoftAssertions();
			Page login = context.newPage();
			login.navigate(admin.baseUrl() + "/login");
			check(softly, login, width, "/login");
			Page page = signIn(context, EMAIL, PASSWORD);
			// The awkward post's own screens first, so that they stand for their kind.
			Map<String, Integer> rows = walk(softly, page, width, "/posts/" + postId + "/edit", "/posts/" + postId + "/revisions",
					"/posts/" + postId + "/preview", "/posts/" + postId + "/publish", "/posts?state=trash", "/");
			softly.assertThat(rows.keySet()).as("screens reached by following links at " + width + " px")
				.containsAll(KNOWN_SCREENS);
			for (String screen : SCREENS_WITH_ROWS) {
				softly.assertThat(rows.getOrDefault(screen, 0)).as("table rows on " + screen).isPositive();
			}
			Response missing = page.navigate(admin.baseUrl() + "/posts/999999999/edit");
			softly.assertThat(missing.status()).as("an unknown post").isEqualTo(404);
			check(softly, page, width, "the 404 page");
			softly.assertAll();
		}
	}

	@ParameterizedTest(name = "at {0} px")
	@ValueSource(ints = { 1280, 390 })
	void everyScreenOfAnAuthorHasNoWcagViolationAndNothingWiderThanTheWindow(int width) {
		try (Chromium chromium = Chromium.launch(); BrowserContext context = newContext(chromium.browser(), width)) {
			SoftAssertions softly = new SoftAssertions();
			Page page = signIn(context, AUTHOR_EMAIL, AUTHOR_PASSWORD);
			Map<String, Integer> rows = walk(softly, page, width, "/");
			softly.assertThat(rows.keySet()).as("an author's screens").contains("/", "/posts", "/posts/new", "/media", "/account");
			softly.assertThat(rows.keySet()).as("an author is not led to editors' screens").doesNotContain("/users", "/comments");
			softly.assertAll();
		}
	}

	@Test
	void onAPhoneTheNavigationIsAMenuThatOpensWithoutScriptAndOnADesktopARow() {
		try (Chromium chromium = Chromium.launch()) {
			try (BrowserContext phone = chromium.browser()
				.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setJavaScriptEnabled(false))) {
				Page page = signIn(phone, EMAIL, PASSWORD);
				assertThat(page.locator("nav[aria-label=Portal] a").first().isVisible()).as("links hidden until asked for")
					.isFalse();
				assertThat(page.locator("header").boundingBox().height).as("the header's height on a phone").isLessThan(80);
				page.locator("summary", new Page.LocatorOptions().setHasText("Menu")).click();
				assertThat(page.locator("nav[aria-label=Portal] a", new Page.LocatorOptions().setHasText("Settings")).isVisible())
					.isTrue();
				List<Double> lefts = new ArrayList<>();
				for (String link : List.of("Dashboard", "Posts", "Media")) {
					lefts.add(page.locator("nav[aria-label=Portal] a", new Page.LocatorOptions().setHasText(link)).first()
						.boundingBox().x);
				}
				assertThat(lefts).as("the links stand in a column").containsOnly(lefts.get(0));
				page.locator("nav[aria-label=Portal] a", new Page.LocatorOptions().setHasText("Subscribers")).click();
				page.waitForURL(admin.baseUrl() + "/subscribers");
				assertThat(page.textContent("h1")).isEqualTo("Subscribers");
			}
			// axe and the measuring run as scripts in the page: with scripts on this time.
			try (BrowserContext phone = newContext(chromium.browser(), 390)) {
				Page page = signIn(phone, EMAIL, PASSWORD);
				page.locator("summary", new Page.LocatorOptions().setHasText("Menu")).click();
				assertThat(Chromium.wcagViolations(page)).as("axe with the menu open").isEmpty();
				assertThat(tooWide(page)).as("too wide with the menu open").isEmpty();
				page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("390-menu-open.png")));
			}
			try (BrowserContext desktop = newContext(chromium.browser(), 1280)) {
				Page page = signIn(desktop, EMAIL, PASSWORD);
				assertThat(page.locator("summary", new Page.LocatorOptions().setHasText("Menu")).isVisible()).isFalse();
				assertThat(page.locator("nav[aria-label=Portal] a", new Page.LocatorOptions().setHasText("Settings")).isVisible())
					.as("links shown without opening anything").isTrue();
				assertThat(page.locator("nav[aria-label=Portal] a", new Page.LocatorOptions().setHasText("Dashboard")).boundingBox().y)
					.as("the links stand in a row")
					.isEqualTo(page.locator("nav[aria-label=Portal] a", new Page.LocatorOptions().setHasText("Posts")).boundingBox().y);
			}
		}
	}

	@Test
	void onAPhoneTheEditorsPreviewStandsBelowTheBodyAndOnADesktopBesideIt() {
		try (Chromium chromium = Chromium.launch()) {
			for (int width : new int[] { 390, 1280 }) {
				try (BrowserContext context = newContext(chromium.browser(), width)) {
					Page page = signIn(context, EMAIL, PASSWORD);
					page.navigate(admin.baseUrl() + "/posts/" + postId + "/edit");
					var body = page.locator("#body").boundingBox();
					var preview = page.locator("#preview").boundingBox();
					if (width == 390) {
						assertThat(preview.y).as("the preview starts below the body").isGreaterThan(body.y + body.height);
					}
					else {
						assertThat(preview.x).as("the preview stands right of the body").isGreaterThan(body.x + body.width);
					}
				}
			}
		}
	}

	/**
	 * Follows every link of the portal from the start, one page for each kind of address, checking each;
	 * answers the screens seen with how many table rows each had.
	 */
	private static Map<String, Integer> walk(SoftAssertions softly, Page page, int width, String... start) {
		Map<String, Integer> rows = new LinkedHashMap<>();
		Deque<String> queue = new ArrayDeque<>(List.of(start));
		Set<String> queued = new HashSet<>();
		for (String path : start) {
			queued.add(screen(path));
		}
		while (!queue.isEmpty() && rows.size() < 100) {
			String path = queue.removeFirst();
			String screen = screen(path);
			Response response = page.navigate(admin.baseUrl() + path);
			softly.assertThat(response.status()).as(path + " at " + width + " px").isEqualTo(200);
			check(softly, page, width, screen);
			rows.put(screen, ((Number) page.evaluate("() => document.querySelectorAll('main tbody tr').length")).intValue());
			@SuppressWarnings("unchecked")
			List<String> links = (List<String>) page
				.evaluate("() => Array.from(document.querySelectorAll('a[href]:not([download]):not(.preview a)'), a => a.href)");
			for (String link : links) {
				String next = portalPath(link);
				if (next != null && queued.add(screen(next))) {
					queue.addLast(next);
				}
			}
		}
		return rows;
	}

	/**
	 * axe, nothing wider than the window and no broken image; on a phone, every table a stack of labelled cards.
	 */
	private static void check(SoftAssertions softly, Page page, int width, String screen) {
		@SuppressWarnings("unchecked")
		List<String> broken = (List<String>) page.evaluate("""
				async () => {
				  // Only images that are shown: a hidden one with no address yet is a template for script.
				  const images = Array.from(document.querySelectorAll('img[src]:not([src=""])'))
				    .filter(image => image.getClientRects().length > 0);
				  images.forEach(image => image.loading = 'eager');
				  await Promise.all(images.map(image => image.decode().catch(() => null)));
				  return images.filter(image => image.naturalWidth === 0).map(image => image.src);
				}""");
		softly.assertThat(broken).as("images that do not show on " + screen).isEmpty();
		softly.assertThat(Chromium.wcagViolations(page)).as("axe on " + screen + " at " + width + " px").isEmpty();
		softly.assertThat(tooWide(page)).as("wider than " + width + " px on " + screen).isEmpty();
		if (width < 500) {
			@SuppressWarnings("unchecked")
			List<String> unstacked = (List<String>) page.evaluate("""
					() => Array.from(document.querySelectorAll('main table:not(:has(th[scope=row])) tbody td'))
					  .filter(td => !td.hasAttribute('colspan') && getComputedStyle(td).display !== 'none')
					  .filter(td => getComputedStyle(td).display !== 'block' || !td.dataset.label)
					  .map(td => td.textContent.trim().slice(0, 40) + ' (' + getComputedStyle(td).display
					    + (td.dataset.label ? '' : ', no data-label') + ')')""");
			softly.assertThat(unstacked).as("table cells not stacked and labelled on " + screen).isEmpty();
			page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(SCREENSHOTS.resolve(width + "-" + role(page) + screen.replaceAll("[^a-z0-9]+", "-") + ".png")));
		}
	}

	/** Who is signed in, for the screenshots' names. */
	private static String role(Page page) {
		return page.locator("form.signout").count() == 0 ? "signed-out"
				: page.locator("nav[aria-label=Portal] a[href='/users']").count() > 0 ? "admin" : "author";
	}

	/** The page's own width beyond the window, and every element reaching past its right edge. */
	@SuppressWarnings("unchecked")
	static List<String> tooWide(Page page) {
		return (List<String>) page.evaluate("""
				() => {
				  const width = document.documentElement.clientWidth;
				  const found = [];
				  if (document.documentElement.scrollWidth > width) {
				    found.push('the page scrolls: ' + document.documentElement.scrollWidth + ' px in ' + width);
				  }
				  for (const element of document.body.querySelectorAll('*')) {
				    const box = element.getBoundingClientRect();
				    if (box.width > 0 && (box.right > width + 0.5 || box.width > width + 0.5)) {
				      found.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
				        + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().replace(/\\s+/g, '.') : '')
				        + ' ' + Math.round(box.left) + '..' + Math.round(box.right) + ' px: '
				        + (element.textContent || '').trim().slice(0, 40));
				    }
				  }
				  return found.slice(0, 15);
				}""");
	}

	/**
	 * A portal address worth visiting, or null: other sites, files, downloads, signing out. (Links inside a post's
	 * preview are the post's own, meant for the public site, and are not followed.)
	 */
	private static String portalPath(String link) {
		URI uri = URI.create(link);
		if (!admin.baseUrl().equals(uri.getScheme() + "://" + uri.getAuthority())) {
			return null;
		}
		String path = uri.getRawPath();
		if (path.equals("/login") || path.equals("/logout") || path.startsWith("/media/") || path.matches(".*\\.[a-z0-9]+$")) {
			return null;
		}
		return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
	}

	/**
	 * The kind of screen an address shows: ids and page numbers written as {n}, the query kept (a filter may show
	 * another screen, as the trash of posts is), empty parameters dropped.
	 */
	private static String screen(String path) {
		return path.replaceAll("(?<=[/=])\\d+(?=[/&]|$)", "{n}").replaceAll("(?<=[?&])[^=&]+=(&|$)", "").replaceAll("[?&]$", "");
	}

	private static BrowserContext newContext(Browser browser, int width) {
		BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setViewportSize(width, width < 500 ? 844 : 900));
		// Six people's builds share two cores: a sign-in (an Argon2 hash) has been seen to take over 30 s.
		context.setDefaultTimeout(90_000);
		return context;
	}

	/**
	 * Signs in on a new page of the context. Now and then Chromium's first form post of a new context never
	 * completes (seen on a loaded machine, never with curl); that is not what this class tests, so a stalled
	 * sign-in is reported on stderr with the requests still open, and tried once more on a fresh page.
	 */
	private static Page signIn(BrowserContext context, String email, String password) {
		for (int attempt = 1;; attempt++) {
			Page page = context.newPage();
			page.setDefaultTimeout(90_000);
			Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
			page.onRequest(request -> open.add(request.method() + " " + request.url()));
			page.onRequestFinished(request -> open.remove(request.method() + " " + request.url()));
			page.onRequestFailed(request -> open.remove(request.method() + " " + request.url()));
			try {
				page.navigate(admin.baseUrl() + "/login", new Page.NavigateOptions().setTimeout(20_000));
				page.fill("#username", email);
				page.fill("#password", password);
				page.click("button[type=submit]", new Page.ClickOptions().setTimeout(20_000));
				page.waitForURL(admin.baseUrl() + "/", new Page.WaitForURLOptions().setTimeout(20_000));
				return page;
			}
			catch (TimeoutError stalled) {
				System.err.println("Signing in as " + email + " stalled (attempt " + attempt + "), still open: " + open);
				page.close();
				if (attempt == 2) {
					throw stalled;
				}
			}
		}
	}

	/**
	 * Adds to the demo content what makes narrow screens hard: a word and an address wider than a phone in a post
	 * (saved twice, so it has a revision), a comment, a menu item, a wide image with a long name and a mail
	 * failure; a post and a page in the
	 * trash; and an author to sign in as.
	 */
	private static void awkwardData(BrowserContext context, Page page) throws SQLException, IOException {
		Map<String, String> post = new LinkedHashMap<>();
		post.put("title", "On " + LONG_WORD);
		post.put("slug", "phones-" + System.nanoTime());
		post.put("body", "See " + LONG_URL + " and " + LONG_WORD + ".\n\n```\n" + LONG_URL + "\n```");
		post.put("categories", "On Probation");
		post.put("tags", "probation");
		post.put("action", "save");
		APIResponse created = submit(context, page, "/posts", post);
		postId = Long.parseLong(URI.create(created.url()).getPath().replaceAll("^/posts/(\\d+)/edit$", "$1"));
		post.put("body", post.get("body") + "\n\nA second thought.");
		submit(context, page, "/posts/" + postId, post);
		submit(context, page, "/navigation", Map.of("label", "Report", "url", LONG_URL));
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(1600, 900, BufferedImage.TYPE_INT_RGB), "png", png);
		page.navigate(admin.baseUrl() + "/media");
		APIResponse uploaded = context.request().post(admin.baseUrl() + "/media", RequestOptions.create().setMultipart(
				FormData.create().set("_csrf", page.locator("meta[name=csrf-token]").getAttribute("content"))
					.set("file", new FilePayload(LONG_WORD.toLowerCase() + ".png", "image/png", png.toByteArray()))
					.set("alt", "A wide black chart")));
		assertThat(uploaded.status()).as("upload " + uploaded.text()).isEqualTo(200);
		post.put("title", "Gone to the trash");
		post.put("slug", "phones-trash-" + System.nanoTime());
		long trashed = Long.parseLong(URI.create(submit(context, page, "/posts", post).url()).getPath()
			.replaceAll("^/posts/(\\d+)/edit$", "$1"));
		submit(context, page, "/posts/" + trashed + "/trash", Map.of());
		submit(context, page, "/pages/" + count("SELECT min(id) FROM pages") + "/trash", Map.of());
		submit(context, page, "/users", Map.of("email", AUTHOR_EMAIL, "displayName", "A phone author", "role", "AUTHOR",
				"password", PortalClient.givenPassword(AUTHOR_PASSWORD)));
		PortalClient.chooseFirstPassword(admin, AUTHOR_EMAIL, AUTHOR_PASSWORD);
		try (Connection connection = DriverManager.getConnection(databaseUrl, TestDatabase.get().user(),
				TestDatabase.get().password())) {
			connection.createStatement().execute("""
					INSERT INTO comments (post_id, author_name, author_email, author_website, body, status, created_at)
					VALUES (%d, 'A reader with a long address', 'reader@example.org', '%s', 'Read %s, %s', 'PENDING', now())"""
				.formatted(postId, LONG_URL, LONG_URL, LONG_WORD));
			connection.createStatement().execute("""
					WITH batch AS (INSERT INTO mail_batches (sender, claimed_at, lease_until, finished_at, size, failed, error)
					  VALUES ('1234@phones.example.org', now(), now(), now(), 1, 1, 'Refused: %s') RETURNING id)
					INSERT INTO mail_outbox (kind, recipient, post_id, status, attempts, next_attempt_at, batch_id, last_error, created_at)
					SELECT 'POST', 'a-subscriber-with-a-long-address-%s@example.org', %d, 'FAILED', 5, now(), id,
					       '550 mailbox unavailable: %s', now() FROM batch"""
				.formatted(LONG_WORD, LONG_WORD.toLowerCase(), postId, LONG_URL));
		}
	}

	/** Posts a form of the portal as the signed-in browser does, CSRF token and all, following the redirect. */
	private static APIResponse submit(BrowserContext context, Page page, String path, Map<String, String> fields) {
		page.navigate(admin.baseUrl() + "/");
		FormData form = FormData.create().set("_csrf", page.locator("meta[name=csrf-token]").getAttribute("content"));
		fields.forEach(form::set);
		APIResponse response = context.request().post(admin.baseUrl() + path, RequestOptions.create().setForm(form));
		assertThat(response.status()).as("POST " + path + " " + response.text()).isEqualTo(200);
		return response;
	}

	private static long count(String sql) {
		try (Connection connection = DriverManager.getConnection(databaseUrl, TestDatabase.get().user(),
				TestDatabase.get().password());
				PreparedStatement query = connection.prepareStatement(sql);
				ResultSet rows = query.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			return 0;
		}
	}
}
