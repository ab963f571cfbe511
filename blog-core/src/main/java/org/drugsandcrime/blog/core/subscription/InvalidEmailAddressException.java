package org.drugsandcrime.blog.core.subscription;

/** A reader's address cannot be used; the message says why, to show them. */
public class InvalidEmailAddressException extends RuntimeException {

	public InvalidEmailAddressException(String message) {
		super(message);
	}
}
