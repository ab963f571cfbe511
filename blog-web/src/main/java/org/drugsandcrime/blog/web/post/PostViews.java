package org.drugsandcrime.blog.web.post;

import java.util.List;

import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.core.post.SeriesBox;
import org.drugsandcrime.blog.web.comment.CommentForm;
import org.drugsandcrime.blog.web.comment.CommentView;
import org.drugsandcrime.blog.web.site.Pagination;
import org.drugsandcrime.blog.web.site.PostCard;

/** What the home and post pages show; the templates only lay these out. */
final class PostViews {

	private PostViews() {
	}

	/** A page of the newest posts; the featured one is highlighted above them on the first page. */
	record Home(PostCard featured, List<PostCard> posts, Pagination pagination) {
	}

	/** The post page, everything read and formatted. {@code notice} follows a comment, from the redirect's URL. */
	record PostPage(String title, String bodyHtml, String date, String isoDate, String coverImage, int readingMinutes,
			Author author, List<Label> categories, List<Label> tags, SeriesBox series, Share share,
			List<PostCard> related, List<CommentView> comments, int commentCount, CommentForm form, String notice) {
	}

	record Author(String name, String url, String bioHtml, String twitterHandle, String twitterUrl) {
	}

	/** Plain share links: no third-party script ever runs on the page. */
	record Share(String twitter, String linkedIn, String facebook, String email) {
	}
}
