package org.drugsandcrime.blog.core.comment;

/**
 * A reader's reply to a comment that is not shown under the same post (another post's, one waiting for moderation,
 * spam, trash, or none): refused, with a message for the reader, and nothing stored.
 */
public class ReplyRefusedException extends RuntimeException {

	ReplyRefusedException() {
		super("The comment you answered is not shown under this post (it may have been removed, or it still waits for "
				+ "moderation), so yours was not sent. You can send it as a comment of its own below.");
	}
}
