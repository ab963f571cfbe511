package org.drugsandcrime.blog.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.drugsandcrime.blog.core.testing.Inbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moderation end to end, in headless Chromium at a desktop and a phone width: an editor asks on their account to be
 * told when comments wait; a reader comments twice on the public site; one "comments waiting" mail reaches the
 * editor (a real SMTP server) with the link to the queue; from that link the editor approves one comment and answers
 * the other without leaving the pending tab; and readers see both, and the answer, on the site.
 */
class ModerationInTheBrowserTests {

	/** One server for the class: the apps are started once, with its port. */
	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

	static final String ADMIN = "e2e-moderation-admin@example.org";

	static final String PASSWORD = "a moderation test password";

	static BlogProcess web;

	static BlogProcess admin;

	@BeforeAll
	static void start() {
		web = BlogProcess.web(Map.of());
		// Only the portal sends here (the site has no SMTP server configured), so the mail the site's process queues
		// goes out from another process, as with any outbox row; the portal's own address is its default
		// BLOG_ADMIN_URL, from its port.
		admin = BlogProcess.admin(Map.of("BLOG_ADMIN_EMAIL", ADMIN, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_BASE_URL",
				web.baseUrl(), "BLOG_SMTP_HOST", "127.0.0.1", "BLOG_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
				"BLOG_MAIL_SENDER_POLLINTERVAL", "200ms", "BLOG_SMTP_SECURITY", "none"));
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void aReadersCommentMailsTheEditorWhoApprovesAndRepliesFromTheQueueAndReadersSeeIt(int width) throws Exception {
		String run = "w" + width + "-" + System.nanoTime();
		String editor = "editor." + run + "@example.org";
		createEditor(editor);
		String slug = "e2e-moderation-" + run;
		long postId = publishedPost(slug, "Payment by results, reviewed " + run);

		try (Chromium chromium = Chromium.launch()) {
			try (BrowserContext staff = context(chromium.browser(), width); Page portal = staff.newPage()) {
				signIn(portal, editor);
				portal.navigate(admin.baseUrl() + "/account");
				portal.getByLabel("Email me when a reader's comment waits for moderation").check();
				portal.locator("form[action='/account/comment-mail'] button[type=submit]").click();
				portal.waitForURL(url -> url.contains("/account?done=comment-mail-on"));
				assertThat(portal.locator("#notice").textContent())
					.isEqualTo("You will get an email when a reader's comment waits for moderation.");
				assertThat(portal.getByLabel("Email me when a reader's comment waits for moderation").isChecked()).isTrue();
				assertThat(Chromium.wcagViolations(portal)).as("axe on /account at " + width + " px").isEmpty();

				try (BrowserContext readers = context(chromium.browser(), width); Page site = readers.newPage()) {
					comment(site, slug, "Ada Reader", "Outcomes should be published in full " + run);
					comment(site, slug, "Ben Reader", "Who audits the payments? " + run);
				}

				// Newer comments above the readers' (newest come first), so the queue must scroll to reach theirs.
				for (int i = 0; i < 6; i++) {
					PortalToSiteTests.pendingComment(postId, ("An earlier thought, number " + i + ", which goes on for a while. ").repeat(4));
				}

				MimeMessage mail = awaitMailTo(editor);
				assertThat(mail.getSubject()).matches("(A comment waits|\\d+ comments wait) for moderation on .+");
				String text = Inbox.part(mail, "text/plain");
				Matcher link = Pattern.compile(Pattern.quote(admin.baseUrl()) + "/comments\\?status=pending").matcher(text);
				assertThat(link.find()).as("the link to the portal's queue in\n" + text).isTrue();

				portal.navigate(link.group());
				assertThat(portal.locator("nav.tabs a[aria-current=page]").textContent()).contains("Pending");
				Locator first = article(portal, "Outcomes should be published in full " + run);
				assertThat(first.locator("a[href='/posts/" + postId + "/edit']").count()).isOne();
				assertThat(first.locator("a[href='" + web.baseUrl() + "/posts/" + slug + "']").count()).isOne();

				first.locator("button[value=approve]").click();
				portal.waitForURL(url -> url.contains("done=approved"));
				assertThat(portal.url()).contains("/comments?status=pending");
				assertThat(portal.locator("#notice").textContent()).isEqualTo("1 comment approved.");
				assertThat(inView(portal, portal.locator("#notice"))).as("the notice, with the queue scrolled to the next comment")
					.isTrue();
				assertThat(portal.locator("nav.tabs a[aria-current=page]").textContent()).contains("Pending");

				Locator second = article(portal, "Who audits the payments? " + run);
				second.locator("summary", new Locator.LocatorOptions().setHasText("Reply")).click();
				second.getByLabel("Your reply").fill("The National Audit Office does. " + run);
				second.locator("form[action$='/reply'] button[type=submit]").click();
				portal.waitForURL(url -> url.contains("done=replied"));
				assertThat(portal.url()).contains("/comments?status=pending");
				assertThat(portal.locator("#notice").textContent()).isEqualTo("Your reply is on the site.");
				assertThat(portal.locator("nav.tabs a[aria-current=page]").textContent()).contains("Pending");
				assertThat(portal.content()).doesNotContain("Who audits the payments? " + run);

				portal.navigate(admin.baseUrl() + "/comments?status=approved&post=" + postId);
				Locator answer = article(portal, "The National Audit Office does. " + run);
				assertThat(answer.locator(".in-reply-to").textContent()).contains("In reply to Ben Reader")
					.contains("Who audits the payments? " + run);
				assertThat(horizontalOverflow(portal)).as("sideways scrolling on /comments at " + width + " px").isZero();
				assertThat(Chromium.wcagViolations(portal)).as("axe on /comments at " + width + " px").isEmpty();
			}

			try (BrowserContext readers = context(chromium.browser(), width); Page site = readers.newPage()) {
				PortalToSiteTests.eventually(() -> {
					site.navigate(web.baseUrl() + "/posts/" + slug);
					return site.content().contains("The National Audit Office does. " + run);
				});
				assertThat(site.content()).contains("Outcomes should be published in full " + run)
					.contains("Who audits the payments? " + run);
			}
		}
		assertThat(mailsTo(editor)).as("a burst of comments is one mail").hasSize(1);
	}

	static BrowserContext context(Browser browser, int width) {
		BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, width > 600 ? 900 : 844));
		// A sign-in (an Argon2 hash) on a machine busy with other builds once took longer than Playwright's 30 s.
		context.setDefaultTimeout(90_000);
		return context;
	}

	static void signIn(Page page, String email) {
		page.navigate(admin.baseUrl() + "/login");
		page.fill("#username", email);
		page.fill("#password", PASSWORD);
		page.click("button[type=submit]");
		page.waitForURL(admin.baseUrl() + "/");
	}

	/** A reader writes on the public site, as anyone would: the form under the post, no script needed. */
	static void comment(Page site, String slug, String name, String text) {
		site.navigate(web.baseUrl() + "/posts/" + slug);
		site.fill("#comment-body", text);
		site.fill("#comment-name", name);
		site.fill("#comment-email", name.toLowerCase().replace(' ', '.') + "@example.org");
		site.click(".comment-form button[type=submit]");
		site.waitForURL(url -> url.contains("comment=pending"));
		assertThat(site.content()).contains("Your comment is waiting for moderation");
	}

	static Locator article(Page page, String text) {
		Locator article = page.locator("article.comment", new Page.LocatorOptions().setHasText(text));
		assertThat(article.count()).as("one comment saying " + text).isOne();
		return article;
	}

	static boolean inView(Page page, Locator element) {
		var box = element.boundingBox();
		return box != null && box.y >= 0 && box.y + box.height <= page.viewportSize().height;
	}

	static int horizontalOverflow(Page page) {
		return ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
	}

	static MimeMessage awaitMailTo(String address) {
		PortalToSiteTests.eventually(() -> !mailsTo(address).isEmpty());
		return mailsTo(address).get(0);
	}

	static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages())
			.filter(message -> MailAcrossProcessesTests.recipient(message).equals(address))
			.toList();
	}

	/** An editor made the way an admin makes one, in the portal. */
	static void createEditor(String email) {
		PortalClient portal = PortalClient.signIn(admin, ADMIN, PASSWORD);
		PortalClient.location(portal.post("/users",
				Map.of("email", email, "displayName", "Edith Editor", "role", "EDITOR", "password", PortalClient.givenPassword(PASSWORD))));
		PortalClient.chooseFirstPassword(admin, email, PASSWORD);
	}

	/**
	 * A live post to comment on, written straight to the database as already announced: what is under test here is
	 * moderation, not the editor, and an announcement would mail every subscriber other tests left behind.
	 */
	static long publishedPost(String slug, String title) throws SQLException {
		try (Connection connection = SeveralAdminProcessesTests.connect(); PreparedStatement insert = connection
			.prepareStatement("""
					INSERT INTO posts (guid, slug, title, body_markdown, body_html, body_text, status, published_at,
					                   created_at, updated_at, announced_at, author_id)
					SELECT ?, ?, ?, 'What the evaluation found.', '<p>What the evaluation found.</p>',
					       'What the evaluation found.', 'PUBLISHED', now() - interval '1 minute', now(), now(), now(), id
					FROM users WHERE lower(email) = lower(?) RETURNING id
					""")) {
			insert.setString(1, "e2e:" + slug);
			insert.setString(2, slug);
			insert.setString(3, title);
			insert.setString(4, ADMIN);
			try (ResultSet rows = insert.executeQuery()) {
				assertThat(rows.next()).as("the admin account exists").isTrue();
				return rows.getLong(1);
			}
		}
	}
}
