package org.drugsandcrime.blog.wordpress.wxr;

import java.util.List;

/**
 * A {@code wp:comment} of an item.
 *
 * @param dateGmt {@code yyyy-MM-dd HH:mm:ss} as WordPress wrote it
 * @param approved {@code 1}, {@code 0} (pending), {@code spam} or {@code trash}
 * @param type blank or {@code comment} for a reader's comment; {@code pingback}, {@code trackback} otherwise
 * @param parent 0 for a top-level comment, else the WordPress id of the comment it answers
 */
public record WxrComment(long id, String author, String authorEmail, String authorUrl, String authorIp,
		String date, String dateGmt, String content, String approved, String type, long parent, long userId,
		List<WxrMeta> meta) {

	public WxrComment {
		meta = List.copyOf(meta);
	}
}
