package org.drugsandcrime.blog.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drugsandcrime.blog.e2e.PortalToSiteTests.eventually;
import static org.drugsandcrime.blog.e2e.PortalToSiteTests.status;

/**
 * An editor in Chromium, on a desktop and on a phone: a post goes to the trash only after the browser asked (and
 * stays when the question is cancelled), comes back from the trash onto the public site, and two drafts ticked on
 * the posts list are published at once and readers see both. The packaged portal and public site, one database.
 */
class TrashAndBulkInTheBrowserTests {

	static final String EMAIL = "e2e-trash@example.org";

	static final String PASSWORD = "an end-to-end password for the trash";

	static BlogProcess web;

	static BlogProcess admin;

	@BeforeAll
	static void start() {
		web = BlogProcess.web(Map.of());
		admin = BlogProcess.admin(Map.of("BLOG_ADMIN_EMAIL", EMAIL, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_BASE_URL",
				web.baseUrl(), "BLOG_ADMIN_PUBLISHING_INTERVAL", "500ms"));
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void anEditorTrashesAPostAfterTheBrowserAsksAndRestoresItOntoTheSite(int width) {
		String title = "Trashed at " + width + " px " + System.nanoTime();
		String slug = "e2e-trash-" + width + "-" + System.nanoTime();
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		PortalClient.location(portal.post("/posts", PortalToSiteTests.form(title, slug, "Soon gone.", "publish")));
		eventually(() -> status(web.baseUrl() + "/posts/" + slug) == 200);

		try (Chromium chromium = Chromium.launch(); BrowserContext context = phoneOrDesktop(chromium, width);
				Page page = context.newPage()) {
			signIn(page);
			page.navigate(admin.baseUrl() + "/posts");
			List<String> asked = new ArrayList<>();

			page.onceDialog(dialog -> {
				asked.add(dialog.type() + ": " + dialog.message());
				dialog.dismiss();
			});
			page.click("button[aria-label='Move " + title + " to the trash']");
			assertThat(asked).containsExactly("confirm: Move “" + title
					+ "” to the trash? It leaves the site; you can restore it from the trash.");
			assertThat(page.url()).as("cancelled: nothing was sent").isEqualTo(admin.baseUrl() + "/posts");
			assertThat(status(web.baseUrl() + "/posts/" + slug)).isEqualTo(200);

			page.onceDialog(dialog -> {
				asked.add(dialog.type() + ": " + dialog.message());
				dialog.accept();
			});
			page.click("button[aria-label='Move " + title + " to the trash']");
			page.waitForURL(url -> url.endsWith("/posts?done=trashed"));
			assertThat(asked).hasSize(2);
			assertThat(page.textContent("#notice")).startsWith("Moved to the trash");
			assertThat(page.content()).doesNotContain(title);
			eventually(() -> status(web.baseUrl() + "/posts/" + slug) == 404);

			page.selectOption("select[name=state]", "trash");
			page.click("form.filters button[type=submit]");
			page.waitForURL(url -> url.contains("state=trash"));
			page.click("button[aria-label='Restore " + title + "']");
			page.waitForURL(url -> url.endsWith("/posts?state=trash&done=restored"));
			assertThat(page.textContent("#notice")).isEqualTo("Restored from the trash, as it was before.");
			eventually(() -> status(web.baseUrl() + "/posts/" + slug) == 200);
			assertThat(asked).as("restoring destroys nothing, so nothing asks").hasSize(2);
		}
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void anEditorTicksTwoDraftsPublishesThemAtOnceAndReadersSeeBoth(int width) {
		long n = System.nanoTime();
		List<String> titles = List.of("First bulk draft " + width + " " + n, "Second bulk draft " + width + " " + n);
		List<String> slugs = List.of("e2e-bulk-one-" + width + "-" + n, "e2e-bulk-two-" + width + "-" + n);
		PortalClient portal = PortalClient.signIn(admin, EMAIL, PASSWORD);
		for (int i = 0; i < 2; i++) {
			PortalClient.location(portal.post("/posts", PortalToSiteTests.form(titles.get(i), slugs.get(i), "Out together.", "save")));
		}

		try (Chromium chromium = Chromium.launch(); BrowserContext context = phoneOrDesktop(chromium, width);
				Page page = context.newPage()) {
			signIn(page);
			page.navigate(admin.baseUrl() + "/posts?state=draft");
			for (String title : titles) {
				page.check("input[aria-label='Select " + title + "']");
			}
			page.selectOption("#bulk-action", "publish");
			assertThat(page.isChecked("input[name=email]")).as("mail, unless the editor unticks it").isTrue();
			List<String> asked = new ArrayList<>();
			page.onceDialog(dialog -> {
				asked.add(dialog.message());
				dialog.accept();
			});
			page.click("form#bulk button[type=submit]");
			page.waitForURL(url -> url.contains("done=published"));

			assertThat(asked).singleElement().asString().startsWith("Publish the ticked posts now?");
			assertThat(page.textContent("#notice")).isEqualTo("2 posts published.");
			for (String slug : slugs) {
				eventually(() -> status(web.baseUrl() + "/posts/" + slug) == 200);
			}
			page.navigate(web.baseUrl() + "/");
			assertThat(page.content()).contains(titles.get(0)).contains(titles.get(1));
		}
	}

	private static BrowserContext phoneOrDesktop(Chromium chromium, int width) {
		return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, width < 600 ? 844 : 900)
			.setIsMobile(width < 600)
			.setHasTouch(width < 600));
	}

	/** Signs in; the waits are generous because an Argon2 check on a busy two-core build machine can take seconds. */
	private static void signIn(Page page) {
		page.setDefaultTimeout(90_000);
		page.setDefaultNavigationTimeout(90_000);
		page.navigate(admin.baseUrl() + "/login");
		page.fill("#username", EMAIL);
		page.fill("#password", PASSWORD);
		page.click("main button[type=submit]");
		page.waitForURL(admin.baseUrl() + "/");
	}
}
