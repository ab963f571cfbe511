package org.drugsandcrime.blog.wordpress.wxr;

import java.util.List;

/**
 * An {@code item}: a post, page, attachment or anything else WordPress keeps as a post, with its terms, metadata and
 * comments. Text fields are as WordPress wrote them (blank rather than null when an element is missing or empty);
 * times are the GMT ones as WordPress wrote them ({@code yyyy-MM-dd HH:mm:ss}, {@code 0000-00-00 00:00:00} for
 * "never"), so that the import, not the reader, decides what an impossible date means.
 *
 * @param link the item's permalink on the old site, absolute
 * @param creator the author's login ({@code dc:creator})
 * @param postDate local time of the old site
 * @param postDateGmt GMT; {@code 0000-00-00 00:00:00} for drafts that never had a date
 * @param postType {@code post}, {@code page}, {@code attachment}, {@code nav_menu_item}, ...
 * @param status {@code publish}, {@code future}, {@code draft}, {@code pending}, {@code private}, {@code trash},
 *        {@code inherit} (attachments)
 * @param postParent 0 when none: a page's parent page, an attachment's post
 * @param attachmentUrl the file of an attachment, absolute; blank for other items
 */
public record WxrItem(long postId, String postType, String title, String link, String guid, String creator,
		String content, String excerpt, String postDate, String postDateGmt, String modifiedGmt, String postName,
		String status, long postParent, int menuOrder, boolean sticky, String password, String commentStatus,
		String attachmentUrl, List<WxrItemTerm> terms, List<WxrMeta> meta, List<WxrComment> comments)
		implements WxrEntry {

	public WxrItem {
		terms = List.copyOf(terms);
		meta = List.copyOf(meta);
		comments = List.copyOf(comments);
	}

	/** The first value of a {@code wp:postmeta} key, or blank. */
	public String meta(String key) {
		return meta.stream().filter(m -> m.key().equals(key)).map(WxrMeta::value).findFirst().orElse("");
	}
}
