package org.drugsandcrime.blog.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged apps with an SMTP server: both run the outbox sender against one database. A scheduled post's
 * notifications reach every confirmed subscriber exactly once, whichever process claims which batch, and a
 * subscription made on the public site gets its confirmation mail.
 */
class MailAcrossProcessesTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	static final int SUBSCRIBERS = 300;

	@Test
	void bothAppsSendEachNotificationOnceAndTheSiteMailsConfirmations() throws Exception {
		Map<String, String> mail = Map.of("BLOG_SMTP_HOST", "127.0.0.1", "BLOG_SMTP_PORT",
				Integer.toString(smtp.getSmtp().getPort()), "BLOG_MAIL_SENDER_BATCHSIZE", "20",
				"BLOG_MAIL_SENDER_POLLINTERVAL", "200ms", "BLOG_ADMIN_PUBLISHING_INTERVAL", "200ms", "BLOG_SMTP_SECURITY", "none");
		try (BlogProcess web = BlogProcess.web(mail); BlogProcess admin = BlogProcess.admin(mail)) {
			String run = "e2e" + System.nanoTime();
			confirmedSubscribers(run, SUBSCRIBERS);
			SeveralAdminProcessesTests.schedule(1, Instant.now().plusSeconds(1));

			PortalToSiteTests.eventually(() -> received(run).size() >= SUBSCRIBERS);
			// A few more batches of both processes: nobody may get the mail twice.
			Awaitility.await("no mail sent twice").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
				.until(() -> received(run).values().stream().allMatch(count -> count == 1));
			Map<String, Long> perRecipient = received(run);
			assertThat(perRecipient).hasSize(SUBSCRIBERS);
			assertThat(perRecipient.values()).containsOnly(1L);
			System.out.println("mail batches by sender: " + batchesBySender());

			String reader = "reader." + run + "@example.org";
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/subscribe"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("email=" + URLEncoder.encode(reader, StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).contains("Check your inbox");
			PortalToSiteTests.eventually(() -> received(run).containsKey(reader));
			MimeMessage confirmation = Arrays.stream(smtp.getReceivedMessages())
				.filter(message -> recipient(message).equals(reader))
				.findFirst()
				.orElseThrow();
			assertThat(confirmation.getSubject()).startsWith("Confirm your subscription");
		}
	}

	static void confirmedSubscribers(String run, int count) throws SQLException {
		try (Connection connection = SeveralAdminProcessesTests.connect(); PreparedStatement insert = connection
			.prepareStatement("""
					INSERT INTO subscribers (email, status, created_at, confirmed_at)
					SELECT 'subscriber' || n || '.' || ? || '@example.org', 'CONFIRMED', now(), now() FROM generate_series(1, ?) n
					""")) {
			insert.setString(1, run);
			insert.setInt(2, count);
			insert.executeUpdate();
		}
	}

	static Map<String, Long> received(String run) {
		return Arrays.stream(smtp.getReceivedMessages())
			.map(MailAcrossProcessesTests::recipient)
			.filter(recipient -> recipient.contains("." + run + "@"))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> batchesBySender() throws SQLException {
		try (Connection connection = SeveralAdminProcessesTests.connect();
				PreparedStatement query = connection.prepareStatement(
						"SELECT sender, count(*), sum(sent) FROM mail_batches GROUP BY sender ORDER BY sender");
				ResultSet rows = query.executeQuery()) {
			List<String> lines = new java.util.ArrayList<>();
			while (rows.next()) {
				lines.add(rows.getString(1) + ": " + rows.getLong(2) + " batches, " + rows.getLong(3) + " mails");
			}
			return lines;
		}
	}
}
