package org.drugsandcrime.blog.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe publishing and local time, as an editor does it in Chromium at desktop and phone widths, against the
 * packaged apps and a real SMTP server: a test email reaches the editor alone; "Publish now" asks first, saying
 * how many confirmed subscribers would be emailed, and mails them or, when asked, no one; a post scheduled in
 * Europe/London time for the next minute appears on the public site at that minute.
 */
class PublishingInTheBrowserTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

	static final String EMAIL = "e2e-publisher@example.org";

	static final String PASSWORD = "a publishing end-to-end password";

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	static final int SUBSCRIBERS = 3;

	static BlogProcess web;

	static BlogProcess admin;

	@BeforeAll
	static void start() {
		Map<String, String> mail = Map.of("BLOG_SMTP_HOST", "127.0.0.1", "BLOG_SMTP_PORT",
				Integer.toString(smtp.getSmtp().getPort()), "BLOG_MAIL_SENDER_POLLINTERVAL", "200ms", "BLOG_SMTP_SECURITY", "none");
		web = BlogProcess.web(Map.of());
		java.util.HashMap<String, String> settings = new java.util.HashMap<>(mail);
		settings.putAll(Map.of("BLOG_ADMIN_EMAIL", EMAIL, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_BASE_URL", web.baseUrl(),
				"BLOG_ADMIN_PUBLISHING_INTERVAL", "500ms", "BLOG_TIME_ZONE", "Europe/London"));
		admin = BlogProcess.admin(settings);
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void anEditorTestsPublishesWithAndWithoutMailAndSchedulesInLondonTime(int width) throws Exception {
		String run = "pub" + width + "x" + System.nanoTime();
		List<String> subscribers = confirmedSubscribers(run);
		try (Chromium chromium = Chromium.launch();
				BrowserContext context = chromium.browser()
					.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
				Page page = context.newPage()) {
			signIn(page);

			// "Send a test email to me": the editor alone gets the subscriber mail of the draft.
			String tried = "Tried on myself " + run;
			write(page, tried, run + "-tried");
			page.click("button[value=test-mail]");
			page.waitForURL(url -> url.contains("done=test-mail-sent"));
			assertThat(page.textContent("#notice")).isEqualTo("A test email is on its way to you, and to no one else.");
			eventually(Duration.ofSeconds(30), () -> mails("[Test] " + tried).size() == 1);
			assertThat(recipients(mails("[Test] " + tried))).containsExactly(EMAIL);
			assertThat(recipients(mails(tried))).isEmpty();

			// "Publish now" asks, with the number of confirmed subscribers; "Publish without emailing" mails no one.
			String quiet = "Published quietly " + run;
			write(page, quiet, run + "-quiet");
			page.click("button[value=confirm-publish]");
			page.waitForURL(url -> url.contains("/publish"));
			long confirmed = confirmedCount();
			assertThat(page.textContent("h1")).isEqualTo("Publish this post now?");
			assertThat(page.textContent("#mail-count")).contains(confirmed + " confirmed subscribers")
				.contains("would be emailed");
			assertThat(page.textContent("#publish-with-email")).isEqualTo("Publish and email " + confirmed + " confirmed subscribers");
			assertThat(Chromium.wcagViolations(page)).as("axe on the confirmation").isEmpty();
			assertThat(PortalToSiteTests.status(web.baseUrl() + "/posts/" + run + "-quiet")).isEqualTo(404);
			page.click("#publish-without-email");
			page.waitForURL(url -> url.contains("done=published-quietly"));
			assertThat(page.textContent("#notice")).isEqualTo("Published without emailing subscribers.");
			eventually(Duration.ofSeconds(30), () -> PortalToSiteTests.status(web.baseUrl() + "/posts/" + run + "-quiet") == 200);

			// "Publish and email N": each confirmed subscriber gets the mail once.
			String loud = "Published with mail " + run;
			write(page, loud, run + "-loud");
			page.click("button[value=confirm-publish]");
			page.click("#publish-with-email");
			page.waitForURL(url -> url.contains("done=published-emailing"));
			assertThat(page.textContent("#notice")).startsWith("Published; ").endsWith(" being emailed.");
			eventually(Duration.ofSeconds(60), () -> recipients(mails(loud)).containsAll(subscribers));
			assertThat(recipients(mails(loud)).stream().filter(subscribers::contains)).hasSize(SUBSCRIBERS);
			// The quiet post was queued for no one: its mails, had there been any, would have gone out first.
			assertThat(recipients(mails(quiet))).isEmpty();
			assertThat(postMailsQueued(run + "-quiet")).isZero();

			// Scheduled in Europe/London time for the next minute, it goes live at that minute. At 1280 px without
			// mail, at 390 px with it: either way the stored choice is what the scheduler honours.
			boolean email = width != 1280;
			String scheduledTitle = "Scheduled in London time " + run;
			String slug = run + "-scheduled";
			write(page, scheduledTitle, slug);
			LocalDateTime nextMinute = LocalDateTime.now(LONDON).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
			if (Duration.between(LocalDateTime.now(LONDON), nextMinute).toSeconds() < 15) {
				nextMinute = nextMinute.plusMinutes(1);
			}
			Instant goesLive = nextMinute.atZone(LONDON).toInstant();
			page.fill("#publishAt", nextMinute.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
			page.click("button[value=confirm-schedule]");
			page.waitForURL(url -> url.contains("/publish?at="));
			assertThat(page.textContent("h1")).isEqualTo("Schedule this post?");
			assertThat(page.textContent(".confirm")).contains(
					nextMinute.format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK)))
				.contains("(Europe/London time)");
			page.click(email ? "#publish-with-email" : "#publish-without-email");
			page.waitForURL(url -> url.contains(email ? "done=scheduled-emailing" : "done=scheduled-quietly"));
			assertThat(page.textContent("#notice")).startsWith("Scheduled;");
			assertThat(PortalToSiteTests.status(web.baseUrl() + "/posts/" + slug)).isEqualTo(404);

			eventually(Duration.ofSeconds(120), () -> PortalToSiteTests.status(web.baseUrl() + "/posts/" + slug) == 200);
			assertThat(Instant.now()).isAfterOrEqualTo(goesLive);
			assertThat(Instant.now()).isBefore(goesLive.plusSeconds(30));
			page.navigate(web.baseUrl() + "/posts/" + slug);
			assertThat(page.textContent("h1")).isEqualTo(scheduledTitle);
			if (email) {
				eventually(Duration.ofSeconds(60), () -> recipients(mails(scheduledTitle)).containsAll(subscribers));
			}
			else {
				eventually(Duration.ofSeconds(30), () -> announced(slug));
				assertThat(postMailsQueued(slug)).isZero();
				assertThat(recipients(mails(scheduledTitle))).isEmpty();
			}
		}
	}

	static void signIn(Page page) {
		PortalToSiteTests.eventually(() -> PortalClient.accountExists(EMAIL));
		page.navigate(admin.baseUrl() + "/login");
		page.fill("#username", EMAIL);
		page.fill("#password", PASSWORD);
		page.click("button[type=submit]");
		page.waitForURL(admin.baseUrl() + "/");
	}

	static void write(Page page, String title, String slug) {
		page.navigate(admin.baseUrl() + "/posts/new");
		page.fill("#title", title);
		page.fill("#slug", slug);
		page.fill("#body", "What the pilots found, and what it means for probation.");
	}

	static List<String> confirmedSubscribers(String run) throws SQLException {
		MailAcrossProcessesTests.confirmedSubscribers(run, SUBSCRIBERS);
		return java.util.stream.IntStream.rangeClosed(1, SUBSCRIBERS)
			.mapToObj(n -> "subscriber" + n + "." + run + "@example.org")
			.toList();
	}

	static long confirmedCount() throws SQLException {
		return count("SELECT count(*) FROM subscribers WHERE status = 'CONFIRMED'", null);
	}

	static long postMailsQueued(String slug) throws SQLException {
		return count("SELECT count(*) FROM mail_outbox o JOIN posts p ON p.id = o.post_id WHERE o.kind = 'POST' AND p.slug = ?",
				slug);
	}

	static boolean announced(String slug) {
		try {
			return count("SELECT count(*) FROM posts WHERE slug = ? AND announced_at IS NOT NULL", slug) == 1;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long count(String sql, String parameter) throws SQLException {
		try (Connection connection = SeveralAdminProcessesTests.connect();
				PreparedStatement query = connection.prepareStatement(sql)) {
			if (parameter != null) {
				query.setString(1, parameter);
			}
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	static List<MimeMessage> mails(String subject) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return subject.equals(message.getSubject());
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static List<String> recipients(List<MimeMessage> messages) {
		return messages.stream().map(MailAcrossProcessesTests::recipient).toList();
	}

	static void eventually(Duration limit, BooleanSupplier condition) {
		Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
	}
}
