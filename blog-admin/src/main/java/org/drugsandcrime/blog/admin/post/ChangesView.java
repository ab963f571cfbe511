package org.drugsandcrime.blog.admin.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.drugsandcrime.blog.core.post.PendingChange;
import org.drugsandcrime.blog.core.post.Post;

/**
 * The page comparing a live post with the author's change waiting for review: each field of the editor as readers see
 * it now and as proposed, and the body as lines kept, removed and added.
 */
record ChangesView(long postId, String title, String submittedBy, Instant submittedAt, List<Field> fields,
		List<Line> body, boolean bodyChanged, boolean mayDecide, boolean mayWithdraw) {

	/** Lines of unchanged text shown around each change. */
	static final int CONTEXT = 3;

	/** Past this many lines by this many, the changed part of the body is shown as removed, then added, in one block. */
	static final long MAX_COMPARED = 1_000_000;

	static ChangesView of(Post post, List<String> categories, List<String> tags, String series, PendingChange change,
			boolean mayDecide, boolean isAuthor) {
		List<Field> fields = new ArrayList<>();
		fields.add(Field.of("Title", post.getTitle(), change.title()));
		fields.add(Field.of("Slug", post.getSlug(), change.slug().isBlank() ? post.getSlug() : change.slug()));
		fields.add(Field.of("Excerpt", post.isCustomExcerpt() ? post.getExcerpt() : "", change.excerpt()));
		fields.add(Field.of("Categories", String.join(", ", categories), String.join(", ", change.categories())));
		fields.add(Field.of("Tags", String.join(", ", tags), String.join(", ", change.tags())));
		fields.add(Field.of("Series", series, change.series()));
		fields.add(Field.of("Position in the series", text(post.getSeriesPosition()), text(change.seriesPosition())));
		fields.add(Field.of("Featured", post.isFeatured() ? "yes" : "no", change.featured() ? "yes" : "no"));
		fields.add(Field.of("Cover image", text(post.getCoverImage()), text(change.coverImage())));
		fields.add(Field.of("Description for search engines", text(post.getSeoDescription()), text(change.seoDescription())));
		String before = text(post.getBodyMarkdown());
		String after = change.bodyMarkdown();
		return new ChangesView(post.getId(), post.getTitle(), change.submittedBy() == null ? "a former member of staff"
				: change.submittedBy(), change.submittedAt(), fields, lines(before, after), !before.equals(after), mayDecide,
				isAuthor && !mayDecide);
	}

	/** One field: as readers see it now and as proposed. */
	record Field(String label, String live, String proposed, boolean changed) {

		static Field of(String label, String live, String proposed) {
			return new Field(label, text(live), text(proposed), !Objects.equals(text(live), text(proposed)));
		}
	}

	/** A line of the body: {@code kept}, {@code removed}, {@code added}, or {@code gap} for unchanged lines not shown. */
	record Line(String kind, String text) {
	}

	/**
	 * The body's lines with what changed marked: common lines at the start and end are set aside, the rest compared by
	 * their longest common subsequence (or, when both are very long, shown as one block removed and one added).
	 */
	static List<Line> lines(String before, String after) {
		String[] old = before.split("\n", -1);
		String[] now = after.split("\n", -1);
		int start = 0;
		while (start < old.length && start < now.length && old[start].equals(now[start])) {
			start++;
		}
		int end = 0;
		while (end < old.length - start && end < now.length - start
				&& old[old.length - 1 - end].equals(now[now.length - 1 - end])) {
			end++;
		}
		List<Line> all = new ArrayList<>();
		for (int i = 0; i < start; i++) {
			all.add(new Line("kept", old[i]));
		}
		int oldCount = old.length - start - end;
		int nowCount = now.length - start - end;
		if ((long) oldCount * nowCount > MAX_COMPARED) {
			for (int i = start; i < start + oldCount; i++) {
				all.add(new Line("removed", old[i]));
			}
			for (int i = start; i < start + nowCount; i++) {
				all.add(new Line("added", now[i]));
			}
		}
		else {
			int[][] common = new int[oldCount + 1][nowCount + 1];
			for (int i = oldCount - 1; i >= 0; i--) {
				for (int j = nowCount - 1; j >= 0; j--) {
					common[i][j] = old[start + i].equals(now[start + j]) ? common[i + 1][j + 1] + 1
							: Math.max(common[i + 1][j], common[i][j + 1]);
				}
			}
			int i = 0;
			int j = 0;
			while (i < oldCount || j < nowCount) {
				if (i < oldCount && j < nowCount && old[start + i].equals(now[start + j])) {
					all.add(new Line("kept", old[start + i]));
					i++;
					j++;
				}
				else if (j < nowCount && (i == oldCount || common[i][j + 1] >= common[i + 1][j])) {
					all.add(new Line("added", now[start + j]));
					j++;
				}
				else {
					all.add(new Line("removed", old[start + i]));
					i++;
				}
			}
		}
		for (int i = old.length - end; i < old.length; i++) {
			all.add(new Line("kept", old[i]));
		}
		return withContextOnly(all);
	}

	/** Unchanged lines further than {@link #CONTEXT} from a change become one "gap" line saying how many. */
	private static List<Line> withContextOnly(List<Line> all) {
		boolean[] near = new boolean[all.size()];
		for (int i = 0; i < all.size(); i++) {
			if (!all.get(i).kind().equals("kept")) {
				for (int k = Math.max(0, i - CONTEXT); k <= Math.min(all.size() - 1, i + CONTEXT); k++) {
					near[k] = true;
				}
			}
		}
		List<Line> shown = new ArrayList<>();
		int skipped = 0;
		for (int i = 0; i < all.size(); i++) {
			if (near[i]) {
				if (skipped > 0) {
					shown.add(gap(skipped));
					skipped = 0;
				}
				shown.add(all.get(i));
			}
			else {
				skipped++;
			}
		}
		if (skipped > 0) {
			shown.add(gap(skipped));
		}
		return shown;
	}

	private static Line gap(int lines) {
		return new Line("gap", lines == 1 ? "1 unchanged line" : lines + " unchanged lines");
	}

	private static String text(Object value) {
		return value == null ? "" : value.toString();
	}
}
