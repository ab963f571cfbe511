package org.drugsandcrime.blog.core.media;

/** An upload that is not an image we accept, or too large; the message is for staff. */
public class InvalidMediaException extends RuntimeException {

	public InvalidMediaException(String message) {
		super(message);
	}
}
