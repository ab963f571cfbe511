package org.drugsandcrime.blog.core.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One SMTP connection, kept open for a whole batch. Blocking (Jakarta Mail): only ever used on a
 * bounded-elastic thread, one call at a time.
 */
final class SmtpConnection implements AutoCloseable {

	private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5])\\d\\d\\b");

	private final Transport transport;

	private volatile boolean lost;

	private SmtpConnection(Transport transport) {
		this.transport = transport;
	}

	static Session session(MailProperties properties) {
		Properties settings = new Properties();
		settings.put("mail.transport.protocol", "smtp");
		settings.put("mail.smtp.host", properties.smtpHost());
		settings.put("mail.smtp.port", String.valueOf(properties.smtpPort()));
		settings.put("mail.smtp.from", properties.from());
		settings.put("mail.smtp.connectiontimeout", "10000");
		settings.put("mail.smtp.timeout", "30000");
		settings.put("mail.smtp.writetimeout", "30000");
		switch (properties.smtpSecurity()) {
			case TLS -> settings.put("mail.smtp.ssl.enable", "true");
			case STARTTLS -> {
				settings.put("mail.smtp.starttls.enable", "true");
				// Without this Jakarta Mail carries on in clear (AUTH included) when the server's EHLO lacks STARTTLS.
				settings.put("mail.smtp.starttls.required", "true");
			}
			case STARTTLS_OPTIONAL -> settings.put("mail.smtp.starttls.enable", "true");
			case NONE -> {
			}
		}
		settings.put("mail.smtp.ssl.checkserveridentity", "true");
		if (properties.smtpCaFile() != null) {
			settings.put("mail.smtp.ssl.socketFactory", trusting(Path.of(properties.smtpCaFile())));
		}
		if (properties.smtpUser() != null) {
			settings.put("mail.smtp.auth", "true");
		}
		return Session.getInstance(settings);
	}

	/** TLS that trusts the certificates in a PEM file, and only those. */
	private static javax.net.ssl.SSLSocketFactory trusting(Path caFile) {
		try (InputStream in = Files.newInputStream(caFile)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trusted.setCertificateEntry("ca-" + i++, certificate);
			}
			if (i == 0) {
				throw new IllegalStateException("BLOG_SMTP_CA_FILE " + caFile + " holds no certificate");
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context.getSocketFactory();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("BLOG_SMTP_CA_FILE " + caFile + " is not usable: " + ex.getMessage(), ex);
		}
	}

	static SmtpConnection open(Session session, MailProperties properties) throws MessagingException {
		Transport transport = session.getTransport("smtp");
		try {
			transport.connect(properties.smtpHost(), properties.smtpPort(), properties.smtpUser(), properties.smtpPassword());
		}
		catch (MessagingException ex) {
			if (properties.smtpSecurity() == SmtpSecurity.STARTTLS && String.valueOf(ex.getMessage()).contains("STARTTLS")) {
				throw new Unprotected(properties, ex);
			}
			throw ex;
		}
		return new SmtpConnection(transport);
	}

	/**
	 * Hands one message to the server. Throws {@link Refused} when the server answered with a reply code (5xx
	 * for good, 4xx for now); any other failure means the connection is no longer usable.
	 */
	void send(MimeMessage message) throws MessagingException, Refused {
		try {
			transport.sendMessage(message, message.getAllRecipients());
		}
		catch (SendFailedException ex) {
			Integer code = replyCode(ex);
			boolean invalidAddress = ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0;
			if (code == null && !invalidAddress) {
				lost = true;
				throw ex;
			}
			throw new Refused(invalidAddress || code == 5, describe(ex));
		}
		catch (MessagingException ex) {
			lost = true;
			throw ex;
		}
	}

	/**
	 * Whether the last send left the connection fit for the next. Deliberately not {@code transport.isConnected()}:
	 * Jakarta Mail answers that with a NOOP round trip to the server, a blocking socket write that would run on
	 * whichever thread asks (a database thread, between two mails) and cost a round trip per mail.
	 */
	boolean usable() {
		return !lost;
	}

	@Override
	public void close() {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// The server went away first; nothing is left to close.
		}
	}

	/** The first digit of the SMTP reply code in the exception or what it wraps, when there is one. */
	private static Integer replyCode(Exception ex) {
		Exception current = ex;
		while (current != null) {
			Matcher matcher = REPLY_CODE.matcher(String.valueOf(current.getMessage()));
			if (matcher.find()) {
				return Integer.valueOf(matcher.group(1));
			}
			current = current instanceof MessagingException messaging ? messaging.getNextException() : null;
		}
		return null;
	}

	static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder();
		Throwable current = ex;
		while (current != null && text.length() < 500) {
			if (!text.isEmpty()) {
				text.append(" / ");
			}
			text.append(current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage().strip());
			current = current instanceof MessagingException messaging ? messaging.getNextException() : current.getCause();
		}
		return text.length() > 500 ? text.substring(0, 500) : text.toString();
	}

	/**
	 * The server did not offer STARTTLS, which the settings require: the connection ended before the password or any
	 * mail was sent. Whoever reads the outbox learns why and what to change.
	 */
	static final class Unprotected extends MessagingException {

		Unprotected(MailProperties properties, MessagingException cause) {
			super("Not sent: the SMTP server " + properties.smtpHost() + ":" + properties.smtpPort()
					+ " did not offer STARTTLS, which BLOG_SMTP_SECURITY=starttls (the default) requires, so neither the "
					+ "password nor any mail went out in clear. Either the server cannot encrypt, or something between "
					+ "removed the offer. Use BLOG_SMTP_SECURITY=tls for a server that speaks TLS from the start (port 465); "
					+ "starttls-optional or none send in clear.", cause);
		}
	}

	/** The server refused a message with a reply code; {@code permanent} for a 5xx or a rejected address. */
	static final class Refused extends Exception {

		private final boolean permanent;

		Refused(boolean permanent, String message) {
			super(message);
			this.permanent = permanent;
		}

		boolean permanent() {
			return permanent;
		}
	}
}
