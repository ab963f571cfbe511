package org.drugsandcrime.blog.admin.testing;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;

import org.drugsandcrime.blog.core.mail.MailProperties;
import org.drugsandcrime.blog.core.mail.OutboxSender;
import org.drugsandcrime.blog.core.testing.Inbox;

/**
 * The outbox delivered to a GreenMail server on demand, and what staff find in their mail: the portal's tests read
 * password links from the mails exactly as a member of staff would.
 */
public final class StaffMail {

	private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/password/set\\?token=[A-Za-z0-9_-]+)");

	private static final MailProperties.Sender AT_ONCE = new MailProperties.Sender(true, 100, 1, Duration.ofMillis(50),
			Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ofMinutes(5));

	private final OutboxSender sender;

	private final GreenMailExtension smtp;

	public StaffMail(OutboxSender configured, GreenMailExtension smtp) {
		this.sender = configured.deliveringTo("127.0.0.1", smtp.getSmtp().getPort(), AT_ONCE);
		this.smtp = smtp;
	}

	/** Sends every mail that is due now. */
	public StaffMail deliver() {
		sender.deliverDue().block();
		return this;
	}

	public List<MimeMessage> to(String address) {
		return new Inbox(smtp).to(address);
	}

	/** The password link (path and query) in the newest mail to {@code address}. */
	public String link(String address) {
		List<MimeMessage> mails = to(address);
		if (mails.isEmpty()) {
			throw new AssertionError("No mail to " + address);
		}
		String text = Inbox.part(mails.get(mails.size() - 1), "text/plain");
		Matcher matcher = LINK.matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("No password link in the mail:\n" + text);
		}
		return matcher.group(1);
	}
}
