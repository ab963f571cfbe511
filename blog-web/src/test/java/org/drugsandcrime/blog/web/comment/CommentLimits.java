package org.drugsandcrime.blog.web.comment;

import org.springframework.context.ApplicationContext;

/** Lets tests outside this package start from a clean per-client comment limit (other classes may have used it up). */
public final class CommentLimits {

	private CommentLimits() {
	}

	public static void forget(ApplicationContext context) {
		context.getBean(CommentRequests.class).forget();
	}
}
