package org.drugsandcrime.blog.web.comment;

import java.util.List;

import org.drugsandcrime.blog.core.comment.ThreadedComment;
import org.drugsandcrime.blog.web.site.Dates;

/** An approved comment as the post page shows it: the text already turned into safe HTML. */
public record CommentView(long id, String authorName, String authorUrl, String bodyHtml, String date, String isoDate,
		boolean byStaff, List<CommentView> replies) {

	public static CommentView of(ThreadedComment comment) {
		return new CommentView(comment.id(), comment.authorName(), CommentText.website(comment.authorWebsite()),
				CommentText.toHtml(comment.body()), Dates.display(comment.createdAt()), Dates.iso(comment.createdAt()),
				comment.byStaff(), comment.replies().stream().map(CommentView::of).toList());
	}

	public static List<CommentView> of(List<ThreadedComment> thread) {
		return thread.stream().map(CommentView::of).toList();
	}

	public static int count(List<ThreadedComment> thread) {
		int count = 0;
		for (ThreadedComment comment : thread) {
			count += 1 + count(comment.replies());
		}
		return count;
	}
}
