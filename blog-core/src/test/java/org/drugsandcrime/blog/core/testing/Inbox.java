package org.drugsandcrime.blog.core.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** What a GreenMail server received, by recipient: every test class shares the outbox, so tests look only at their own addresses. */
public final class Inbox {

	private final GreenMailOperations server;

	public Inbox(GreenMailOperations server) {
		this.server = server;
	}

	public List<MimeMessage> to(String address) {
		return Arrays.stream(server.getReceivedMessages()).filter(message -> recipients(message).contains(address.toLowerCase()))
			.toList();
	}

	/** How many mails each of {@code addresses} received (absent when none). */
	public Map<String, Long> countsFor(List<String> addresses) {
		return Arrays.stream(server.getReceivedMessages())
			.flatMap(message -> recipients(message).stream())
			.filter(recipient -> addresses.stream().anyMatch(recipient::equalsIgnoreCase))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	public static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, ",");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The text of the part of this type (text/plain or text/html) of a multipart/alternative mail. */
	public static String part(MimeMessage message, String type) {
		try {
			MimeMultipart multipart = (MimeMultipart) message.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				if (multipart.getBodyPart(i).isMimeType(type)) {
					return (String) multipart.getBodyPart(i).getContent();
				}
			}
			throw new AssertionError("No " + type + " part");
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> recipients(MimeMessage message) {
		try {
			Address[] to = message.getAllRecipients();
			return to == null ? List.of() : Arrays.stream(to).map(address -> address.toString().toLowerCase()).toList();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
