package org.drugsandcrime.blog.core.time;

import org.drugsandcrime.blog.core.post.InvalidPostException;

/** A time or time zone staff typed that means nothing; the message says what to type instead. */
public class InvalidTimeException extends InvalidPostException {

	public InvalidTimeException(String message) {
		super(message);
	}
}
