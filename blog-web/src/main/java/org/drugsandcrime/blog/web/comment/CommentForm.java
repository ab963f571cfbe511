package org.drugsandcrime.blog.web.comment;

import java.util.Map;

/**
 * The comment form: where it posts, what the reader typed (when it comes back with errors) and what is wrong,
 * by field name. {@code notifyReplies}: the reader asked for a mail when a reply to the comment is shown.
 */
public record CommentForm(String action, String name, String email, String website, String body, Long parent,
		boolean notifyReplies, Map<String, String> errors) {

	public static CommentForm empty(String postSlug) {
		return new CommentForm("/posts/" + postSlug + "/comments", "", "", "", "", null, false, Map.of());
	}

	public boolean hasError(String field) {
		return errors.containsKey(field);
	}

	public String error(String field) {
		return errors.get(field);
	}
}
