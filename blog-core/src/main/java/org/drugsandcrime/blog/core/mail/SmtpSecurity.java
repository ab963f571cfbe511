package org.drugsandcrime.blog.core.mail;

/**
 * How the SMTP connection is protected ({@code BLOG_SMTP_SECURITY}). The password and every mail cross the network,
 * so the default is {@link #STARTTLS}, required: a server (or a man in the middle) that does not offer it gets no
 * password and no mail, which stay in the outbox with the reason. The weaker choices are the operator's to make.
 */
public enum SmtpSecurity {

	/** Plain connection upgraded with STARTTLS before anything else is said; refused when the server does not offer it. */
	STARTTLS,

	/** TLS from the first byte ("SMTPS", usually port 465). */
	TLS,

	/** STARTTLS when the server offers it, else in clear: a stripped STARTTLS sends the password readable. */
	STARTTLS_OPTIONAL,

	/** Never encrypted: for a relay on the same machine or a test server. */
	NONE;

	/** Whether what is sent can travel unencrypted. */
	boolean mayBeClear() {
		return this == STARTTLS_OPTIONAL || this == NONE;
	}

	/** The words operators write (and the portal shows). */
	String setting() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}
}
