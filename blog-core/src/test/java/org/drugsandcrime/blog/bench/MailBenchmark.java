package org.drugsandcrime.blog.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.mail.MailProperties;
import org.drugsandcrime.blog.core.mail.OutboxSender;
import org.drugsandcrime.blog.core.mail.SmtpSecurity;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.TestDatabaseConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Not a test: the mail benchmark (in a package of its own, so no test finds it as its application) that {@code bench/mail.sh} runs. Seeds N confirmed subscribers in the test
 * database (Testcontainers, else localhost:5432, else embedded, as for the tests), publishes one post, and
 * times the outbox sender delivering its notifications to GreenMail on this machine; then checks every
 * subscriber got exactly one mail. Arguments: subscribers (10000), batch size (100), SMTP connections per sender (2),
 * senders (1; more stand for more processes).
 */
@SpringBootApplication
@AutoConfigurationPackage(basePackages = "org.drugsandcrime.blog.core")
@ComponentScan(basePackages = "org.drugsandcrime.blog.core",
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*Test.*"))
@Import(TestDatabaseConfiguration.class)
public class MailBenchmark {

	public static void main(String[] args) throws Exception {
		int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 100;
		int connections = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		int senders = args.length > 3 ? Integer.parseInt(args[3]) : 1;

		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
		smtp.start();
		// System properties: they win over the application.yaml that imports blog-core.yaml (demo content on).
		System.setProperty("blog.demo.content", "false");
		System.setProperty("spring.main.banner-mode", "off");
		System.setProperty("logging.level.root", "warn");
		SpringApplication application = new SpringApplication(MailBenchmark.class);
		try (ConfigurableApplicationContext context = application.run()) {
			DatabaseClient database = context.getBean(DatabaseClient.class);
			PostPublishing publishing = context.getBean(PostPublishing.class);
			OutboxSender configured = context.getBean(OutboxSender.class);
			Posts posts = new Posts(context.getBean(PostEditing.class), publishing, context.getBean(StaffUserRepository.class));

			String run = "bench" + System.currentTimeMillis();
			database.sql("""
					INSERT INTO subscribers (email, status, created_at, confirmed_at)
					SELECT 'reader' || n || '.' || :run || '@example.org', 'CONFIRMED', now(), now() FROM generate_series(1, :n) n
					""")
				.bind("run", run)
				.bind("n", subscribers)
				.fetch()
				.rowsUpdated()
				.block();

			Post post = posts.draft("Payment by results: the benchmark post")
				.excerpt("What ten thousand readers find in their inbox when a post goes live.")
				.publish();
			long queueStart = System.nanoTime();
			publishing.announceDue().blockLast();
			double queueSeconds = (System.nanoTime() - queueStart) / 1e9;

			MailProperties.Sender settings = new MailProperties.Sender(true, batchSize, connections, Duration.ofSeconds(1),
					Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofMinutes(5));
			Instant start = Instant.now();
			Flux.range(0, senders)
				// GreenMail speaks plain SMTP: said here, since the blog requires STARTTLS unless told otherwise.
				.flatMap(i -> configured.deliveringTo("127.0.0.1", smtp.getSmtp().getPort(), SmtpSecurity.NONE, null, null, null,
						settings)
					.deliverDue()
					.subscribeOn(Schedulers.parallel()))
				.blockLast();
			double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;

			MimeMessage[] received = smtp.getReceivedMessages();
			Set<String> recipients = new HashSet<>();
			long mine = Arrays.stream(received).filter(message -> {
				try {
					String to = message.getAllRecipients()[0].toString();
					return to.contains("." + run + "@") && recipients.add(to);
				}
				catch (MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}).count();
			long sentRows = database.sql("SELECT count(*) AS n FROM mail_outbox WHERE post_id = :post AND status = 'SENT' AND recipient LIKE :mine")
				.bind("post", post.getId())
				.bind("mine", "%." + run + "@example.org")
				.map((row, meta) -> row.get("n", Long.class))
				.one()
				.block();
			System.out.printf("mail benchmark: %d subscribers, batch size %d, %d SMTP connection(s) in each of %d sender(s), %d CPUs%n",
					subscribers, batchSize, connections, senders, Runtime.getRuntime().availableProcessors());
			System.out.printf("  queued %d notifications in %.2f s (one INSERT ... SELECT in the announcing transaction)%n",
					subscribers, queueSeconds);
			System.out.printf("  delivered %d mails (%d distinct recipients, %d marked SENT, %d received in all) in %.2f s%n",
					mine, recipients.size(), sentRows, received.length, seconds);
			System.out.printf("  %.0f mails/second%n", mine / seconds);
			if (mine != subscribers || sentRows != subscribers) {
				System.out.println("  MISMATCH: every subscriber should have exactly one mail");
				System.exit(1);
			}
		}
		finally {
			smtp.stop();
		}
	}
}
