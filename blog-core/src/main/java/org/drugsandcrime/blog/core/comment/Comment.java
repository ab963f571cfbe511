package org.drugsandcrime.blog.core.comment;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A reader's (or staff member's) comment. Its body is plain text: it is escaped, never rendered as HTML. */
@Table("comments")
public record Comment(@Id Long id, long postId, Long parentId, String authorName, String authorEmail,
		String authorWebsite, String body, CommentStatus status, Long userId, boolean notifyReplies,
		String clientAddress, Instant createdAt) {

	public Comment withStatus(CommentStatus newStatus) {
		return new Comment(id, postId, parentId, authorName, authorEmail, authorWebsite, body, newStatus, userId,
				notifyReplies, clientAddress, createdAt);
	}
}
