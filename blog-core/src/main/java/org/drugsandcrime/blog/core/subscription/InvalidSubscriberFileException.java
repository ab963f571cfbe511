package org.drugsandcrime.blog.core.subscription;

/**
 * A file that cannot be read as a list of subscribers at all (not text, a line far too long, nothing but a header).
 * Nothing of it is stored; the message says why, for staff.
 */
public class InvalidSubscriberFileException extends RuntimeException {

	public InvalidSubscriberFileException(String message) {
		super(message);
	}
}
