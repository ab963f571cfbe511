package org.drugsandcrime.blog.core.comment;

import java.time.Instant;
import java.util.List;

/**
 * An approved comment as readers see it, with its approved replies. No email address: it is never shown.
 * {@code byStaff} marks replies written by the blog's own people.
 */
public record ThreadedComment(long id, String authorName, String authorWebsite, String body, Instant createdAt,
		boolean byStaff, List<ThreadedComment> replies) {
}
