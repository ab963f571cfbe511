package org.drugsandcrime.blog.core.mail;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

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
		if (properties.smtpPort() == 465) {
			settings.put("mail.smtp.ssl.enable", "true");
			settings.put("mail.smtp.ssl.checkserveridentity", "true");
		}
		else {
			settings.put("mail.smtp.starttls.enable", "true");
			settings.put("mail.smtp.ssl.checkserveridentity", "true");
		}
		if (properties.smtpUser() != null) {
			settings.put("mail.smtp.auth", "true");
		}
		return Session.getInstance(settings);
	}

	static SmtpConnection open(Session session, MailProperties properties) throws MessagingException {
		Transport transport = session.getTransport("smtp");
		transport.connect(properties.smtpHost(), properties.smtpPort(), properties.smtpUser(), properties.smtpPassword());
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
