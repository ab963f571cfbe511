package org.drugsandcrime.blog.core.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where mail goes and how the outbox is emptied.
 *
 * @param smtpHost the SMTP server ({@code BLOG_SMTP_HOST}); without it nothing is sent and mail waits in the outbox
 * @param smtpPort its port ({@code BLOG_SMTP_PORT}); by default 465 for {@link SmtpSecurity#TLS}, else 587
 * @param smtpUser user name for SMTP authentication ({@code BLOG_SMTP_USER}); none means no authentication
 * @param smtpPassword its password ({@code BLOG_SMTP_PASSWORD})
 * @param smtpSecurity how the connection is protected ({@code BLOG_SMTP_SECURITY}): STARTTLS required by default (TLS
 * from the start when the port is 465)
 * @param smtpCaFile PEM certificates of the authorities trusted for the server's certificate instead of the JVM's
 * ({@code BLOG_SMTP_CA_FILE}), for a relay with a private CA; none means the JVM's
 * @param from the sender address of every mail ({@code BLOG_MAIL_FROM})
 * @param sender how the background sender works through the outbox
 */
@ConfigurationProperties("blog.mail")
public record MailProperties(String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword,
		SmtpSecurity smtpSecurity, String smtpCaFile, String from, Sender sender) {

	public MailProperties {
		smtpHost = blankToNull(smtpHost);
		smtpUser = blankToNull(smtpUser);
		smtpPassword = blankToNull(smtpPassword);
		smtpCaFile = blankToNull(smtpCaFile);
		if (smtpSecurity == null) {
			smtpSecurity = smtpPort != null && smtpPort == 465 ? SmtpSecurity.TLS : SmtpSecurity.STARTTLS;
		}
		if (smtpPort == null) {
			smtpPort = smtpSecurity == SmtpSecurity.TLS ? 465 : 587;
		}
		if (from == null || from.isBlank()) {
			from = "blog@localhost";
		}
		if (sender == null) {
			sender = new Sender(null, null, null, null, null, null, null, null);
		}
	}

	/** An SMTP server to deliver to is configured; without one the outbox only fills. */
	public boolean smtpConfigured() {
		return smtpHost != null;
	}

	public MailProperties withSmtp(String host, int port) {
		return new MailProperties(host, port, smtpUser, smtpPassword, smtpSecurity, smtpCaFile, from, sender);
	}

	/** Another server, reached with this protection and these credentials (null: none), trusting {@code caFile}. */
	public MailProperties withSmtp(String host, int port, SmtpSecurity security, String caFile, String user, String password) {
		return new MailProperties(host, port, user, password, security, caFile, from, sender);
	}

	public MailProperties withSender(Sender value) {
		return new MailProperties(smtpHost, smtpPort, smtpUser, smtpPassword, smtpSecurity, smtpCaFile, from, value);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/**
	 * @param enabled whether this process runs the background sender (it also needs an SMTP host)
	 * @param batchSize how many mails one claim takes, and sends over one SMTP connection
	 * @param connections how many batches this process sends at once, each over its own SMTP connection
	 * @param pollInterval how often the sender looks for due mail it was not told about
	 * @param retryAfter the wait before the first retry of a mail the server deferred; doubled for each further try
	 * @param maxRetryAfter the longest wait between tries, also the longest pause while the server cannot be reached
	 * @param maxAttempts tries before a mail counts as failed (staff can resend it)
	 * @param lease how long a claimed batch belongs to its sender; a batch still unfinished after that (its process
	 * died) is taken up again
	 */
	public record Sender(Boolean enabled, Integer batchSize, Integer connections, Duration pollInterval, Duration retryAfter,
			Duration maxRetryAfter, Integer maxAttempts, Duration lease) {

		public Sender {
			enabled = enabled == null || enabled;
			batchSize = batchSize == null ? 100 : Math.max(1, batchSize);
			connections = connections == null ? 2 : Math.max(1, connections);
			pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
			retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
			maxRetryAfter = maxRetryAfter == null ? Duration.ofHours(1) : maxRetryAfter;
			maxAttempts = maxAttempts == null ? 8 : Math.max(1, maxAttempts);
			lease = lease == null ? Duration.ofMinutes(5) : lease;
		}

		/** The wait before try number {@code attempts + 1}: doubling from {@link #retryAfter}, capped. */
		Duration backoff(int attempts) {
			Duration wait = retryAfter;
			for (int i = 1; i < attempts && wait.compareTo(maxRetryAfter) < 0; i++) {
				wait = wait.multipliedBy(2);
			}
			return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
		}
	}
}
