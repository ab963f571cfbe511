package org.drugsandcrime.blog.core.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.drugsandcrime.blog.core.mail.Outbox.OutboxItem;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.springframework.stereotype.Component;

/**
 * Writes the mails: a plain-text and an HTML part from the templates under {@code mail/}, the site's name as
 * the sender's, and for post notifications the RFC 8058 one-click unsubscribe headers.
 */
@Component
class MailComposer {

	/** Long enough for the start of a reply; the mail links to the rest. */
	private static final int REPLY_PREVIEW = 600;

	private final TemplateEngine templates = new TemplateEngine();

	private final MailLinks links;

	private final MailProperties properties;

	private final PortalAddress portal;

	MailComposer(MailLinks links, MailProperties properties, PortalAddress portal) {
		this.links = links;
		this.properties = properties;
		this.portal = portal;
		templates.addTemplateResolver(resolver(".html", TemplateMode.HTML, 1));
		templates.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 2));
	}

	private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("mail/");
		resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

	/** What every mail of a site shares: its name, and the time zone its times are written in. */
	record Letterhead(String siteName, SiteTime time) {
	}

	MimeMessage compose(Session session, OutboxItem item, Letterhead letterhead) throws MessagingException {
		String siteName = letterhead.siteName();
		Map<String, Object> model = new java.util.HashMap<>();
		model.put("site", siteName);
		String subject;
		String template;
		String unsubscribe = null;
		switch (item.kind()) {
			case CONFIRMATION -> {
				template = "confirmation";
				subject = "Confirm your subscription to " + siteName;
				model.put("confirmUrl", links.confirm(item.token()));
			}
			case POST -> {
				template = "post";
				subject = item.postTitle();
				unsubscribe = links.unsubscribe(item.unsubscribeToken());
				model.put("title", item.postTitle());
				model.put("excerpt", item.postExcerpt());
				model.put("postUrl", links.post(item.postSlug()));
				model.put("unsubscribeUrl", unsubscribe);
				model.put("published", letterhead.time().wordsWithZone(item.postPublishedAt()));
				model.put("test", false);
			}
			case TEST -> {
				// The subscriber mail as it will be, to the member of staff alone: no unsubscribe header, since
				// they subscribed to nothing, and a line saying what it is.
				template = "post";
				subject = "[Test] " + item.postTitle();
				model.put("title", item.postTitle());
				model.put("excerpt", item.postExcerpt());
				model.put("postUrl", links.post(item.postSlug()));
				model.put("unsubscribeUrl", null);
				model.put("published", letterhead.time().wordsWithZone(item.postPublishedAt()));
				model.put("test", true);
			}
			case REPLY -> {
				template = "reply";
				subject = "New reply to your comment on \"" + item.postTitle() + "\"";
				model.put("title", item.postTitle());
				model.put("author", item.replyAuthor());
				model.put("reply", preview(item.replyBody()));
				model.put("replyUrl", links.comment(item.postSlug(), item.commentId()));
				if (item.unsubscribeToken() != null) {
					unsubscribe = links.stopReplies(item.unsubscribeToken());
				}
				model.put("stopUrl", unsubscribe);
			}
			case REPLY_CONFIRMATION -> {
				template = "reply-confirmation";
				subject = "Confirm reply notices from " + siteName;
				model.put("confirmUrl", links.confirmReplies(item.token()));
			}
			case MODERATION -> {
				template = "moderation";
				long waiting = item.commentsWaiting();
				subject = (waiting == 1 ? "A comment waits" : waiting + " comments wait") + " for moderation on " + siteName;
				model.put("waiting", waiting);
				model.put("queueUrl", portal.moderationQueue());
			}
			case PASSWORD_RESET -> {
				template = "password-reset";
				subject = "Choose a new password for " + siteName;
				model.put("name", item.staffName());
				model.put("email", item.recipient());
				model.put("linkUrl", portal.setPassword(item.token()));
				model.put("expires", letterhead.time().wordsWithZone(item.linkExpiresAt()));
			}
			case INVITATION -> {
				template = "invitation";
				subject = "You are invited to the staff portal of " + siteName;
				model.put("name", item.staffName());
				model.put("email", item.recipient());
				model.put("linkUrl", portal.setPassword(item.token()));
				model.put("expires", letterhead.time().wordsWithZone(item.linkExpiresAt()));
				model.put("loginUrl", portal.login());
			}
			default -> throw new IllegalStateException("Unknown kind " + item.kind());
		}
		Context context = new Context(java.util.Locale.UK, model);
		String text = templates.process(template + ".txt", context);
		String html = templates.process(template + ".html", context);

		MimeMessage message = new OutboxMessage(session, item.id(), domainOf(properties.from()));
		message.setFrom(sender(siteName));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(item.recipient(), true));
		message.setSubject(oneLine(subject), StandardCharsets.UTF_8.name());
		message.setHeader("Auto-Submitted", "auto-generated");
		if (unsubscribe != null) {
			message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		MimeBodyPart plain = new MimeBodyPart();
		plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart rich = new MimeBodyPart();
		rich.setText(html, StandardCharsets.UTF_8.name(), "html");
		message.setContent(new MimeMultipart("alternative", plain, rich));
		message.saveChanges();
		return message;
	}

	private InternetAddress sender(String siteName) throws MessagingException {
		InternetAddress address = new InternetAddress(properties.from(), true);
		try {
			address.setPersonal(oneLine(siteName), StandardCharsets.UTF_8.name());
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		return address;
	}

	/** Titles are free text: a line break in a header would start a new header. */
	static String oneLine(String value) {
		return value == null ? "" : value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
	}

	private static String preview(String body) {
		if (body == null) {
			return "";
		}
		return body.length() <= REPLY_PREVIEW ? body : body.substring(0, REPLY_PREVIEW).strip() + "…";
	}

	private static String domainOf(String address) {
		int at = address.lastIndexOf('@');
		String domain = at < 0 ? "localhost" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
		return domain.isEmpty() ? "localhost" : domain;
	}

	/**
	 * Keeps the same Message-ID however often the mail is sent: if a process dies between the server accepting
	 * a mail and the outbox recording it, the copy sent again is recognisably the same message.
	 */
	private static final class OutboxMessage extends MimeMessage {

		private final String messageId;

		OutboxMessage(Session session, long outboxId, String domain) {
			super(session);
			this.messageId = "<outbox." + outboxId + "@" + domain + ">";
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}
	}
}
