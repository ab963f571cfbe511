package org.drugsandcrime.blog.web.comment;

import java.util.List;

import org.drugsandcrime.blog.core.comment.ThreadedComment;
import org.drugsandcrime.blog.core.time.SiteTime;

/** An approved comment as the post page shows it: the text already turned into safe HTML. */
public record CommentView(long id, String authorName, String authorUrl, String bodyHtml, String date, String isoDate,
		boolean byStaff, List<CommentView> replies) {

	public static CommentView of(ThreadedComment comment, SiteTime time) {
		return new CommentView(comment.id(), comment.authorName(), CommentText.website(comment.authorWebsite()),
				CommentText.toHtml(comment.body()), time.words(comment.createdAt()), time.iso(comment.createdAt()),
				comment.byStaff(), of(comment.replies(), time));
	}

	public static List<CommentView> of(List<ThreadedComment> thread, SiteTime time) {
		return thread.stream().map(comment -> of(comment, time)).toList();
	}

	public static int count(List<ThreadedComment> thread) {
		int count = 0;
		for (ThreadedComment comment : thread) {
			count += 1 + count(comment.replies());
		}
		return count;
	}
}
