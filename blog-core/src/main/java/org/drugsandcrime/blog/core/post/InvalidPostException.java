package org.drugsandcrime.blog.core.post;

/** A post change that breaks a rule (empty title, a schedule in the past); the message is for staff. */
public class InvalidPostException extends RuntimeException {

	public InvalidPostException(String message) {
		super(message);
	}
}
