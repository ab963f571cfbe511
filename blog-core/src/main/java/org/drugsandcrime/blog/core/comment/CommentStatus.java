package org.drugsandcrime.blog.core.comment;

/** Readers see only APPROVED comments; new ones wait as PENDING for staff. */
public enum CommentStatus {

	PENDING, APPROVED, SPAM, TRASH
}
