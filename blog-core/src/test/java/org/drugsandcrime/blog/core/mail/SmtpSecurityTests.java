package org.drugsandcrime.blog.core.mail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Inbox;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STARTTLS is required unless the operator says otherwise: a server that does not offer it (or a network that struck
 * the offer out) gets neither the SMTP password nor any mail, and the outbox says why; one that offers it gets both,
 * encrypted. GreenMail, with an account, stands behind {@link SmtpFront}, which shows what travelled in clear.
 */
@BlogTest
class SmtpSecurityTests {

	private static final String USER = "blog-sender";

	private static final String PASSWORD = "smtp-secret-of-the-blog";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

	@Autowired
	OutboxSender configured;

	@Autowired
	Outbox outbox;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	DatabaseClient database;

	Post post;

	@BeforeEach
	void setUp() {
		post = new Posts(editing, publishing, users).draft("Payment by results, sent safely").save();
	}

	@Test
	void requiredStartTlsSendsNoPasswordAndNoMailToAServerThatDoesNotOfferIt() throws Exception {
		String recipient = queue("stripped");
		try (SmtpFront stripped = SmtpFront.plain(smtp.getSmtp().getPort())) {
			OutboxSender.Delivery delivery = sender(stripped.port(), SmtpSecurity.STARTTLS, null).deliverDue().block();

			assertThat(delivery.sent()).isZero();
			assertThat(new Inbox(smtp).to(recipient)).isEmpty();
			assertThat(stripped.sentInClear()).contains("EHLO").doesNotContain("AUTH").doesNotContain(PASSWORD)
				.doesNotContain(base64(PASSWORD)).doesNotContain("MAIL FROM");
			assertThat(lastError(recipient)).contains("did not offer STARTTLS")
				.contains("BLOG_SMTP_SECURITY=starttls (the default) requires");
			assertThat(status(recipient)).isEqualTo("PENDING");
		}
	}

	/** What the default prevents: the same server, with STARTTLS only if offered, is handed the password readable. */
	@Test
	void optionalStartTlsHandsThePasswordToThatServerReadable() throws Exception {
		String recipient = queue("optional");
		try (SmtpFront stripped = SmtpFront.plain(smtp.getSmtp().getPort())) {
			sender(stripped.port(), SmtpSecurity.STARTTLS_OPTIONAL, null).deliverDue().block();

			assertThat(stripped.sentInClear()).contains("AUTH");
			assertThat(new Inbox(smtp).to(recipient)).hasSize(1);
		}
	}

	@Test
	void aServerThatOffersStartTlsGetsTheMailAndThePasswordEncrypted(@org.junit.jupiter.api.io.TempDir Path keys)
			throws Exception {
		String recipient = queue("encrypted");
		Path keyStore = SmtpFront.certificate(keys);
		try (SmtpFront front = SmtpFront.startTls(smtp.getSmtp().getPort(), keyStore)) {
			OutboxSender.Delivery delivery = sender(front.port(), SmtpSecurity.STARTTLS, keys.resolve("front-ca.pem").toString())
				.deliverDue()
				.block();

			assertThat(delivery.sent()).isPositive();
			assertThat(new Inbox(smtp).to(recipient)).hasSize(1);
			assertThat(front.sentInClear()).contains("STARTTLS").doesNotContain("AUTH").doesNotContain(base64(PASSWORD))
				.doesNotContain("MAIL FROM");
			assertThat(status(recipient)).isEqualTo("SENT");
		}
	}

	private OutboxSender sender(int port, SmtpSecurity security, String caFile) {
		return configured.deliveringTo("127.0.0.1", port, security, caFile, USER, PASSWORD, OutboxSenderTests.FAST);
	}

	private String queue(String name) {
		String recipient = name + "-" + System.nanoTime() + "@example.org";
		outbox.queueTest(post.getId(), recipient).block();
		return recipient;
	}

	private String lastError(String recipient) {
		return database.sql("SELECT last_error FROM mail_outbox WHERE recipient = :r").bind("r", recipient)
			.map((row, meta) -> row.get("last_error", String.class)).one().block();
	}

	private String status(String recipient) {
		return database.sql("SELECT status FROM mail_outbox WHERE recipient = :r").bind("r", recipient)
			.map((row, meta) -> row.get("status", String.class)).one().block();
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}
}
