package org.drugsandcrime.blog.core.subscription;

import java.util.regex.Pattern;

/**
 * An address a reader typed, checked before anything is stored or mailed: one line, at most 254 characters
 * (RFC 5321's limit for a path), a local part and a domain with a dot. Only plain ASCII addresses: mail to
 * internationalised addresses needs SMTPUTF8, which we cannot count on.
 */
public record EmailAddress(String value) {

	public static final int MAX_LENGTH = 254;

	private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

	private static final Pattern DOMAIN = Pattern
		.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	/** Checks {@code raw} and says what is wrong in words a reader understands. */
	public static EmailAddress parse(String raw) {
		String value = raw == null ? "" : raw.strip();
		if (value.isEmpty()) {
			throw new InvalidEmailAddressException("Please enter your email address.");
		}
		if (value.length() > MAX_LENGTH) {
			throw new InvalidEmailAddressException(
					"That address is too long: an email address has at most " + MAX_LENGTH + " characters.");
		}
		if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)) {
			throw new InvalidEmailAddressException("An email address is one line: it cannot contain line breaks.");
		}
		if (value.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidEmailAddressException("An email address cannot contain spaces.");
		}
		int at = value.lastIndexOf('@');
		if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
			throw new InvalidEmailAddressException(
					"That is not an email address: it needs a name, one @ and a domain, like reader@example.org.");
		}
		String local = value.substring(0, at);
		String domain = value.substring(at + 1);
		if (local.length() > 64 || !LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
			throw new InvalidEmailAddressException(
					"That is not an email address we can send to: check it reads like reader@example.org.");
		}
		return new EmailAddress(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
