package org.drugsandcrime.blog.wordpress.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrComment;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrItemTerm;
import org.drugsandcrime.blog.wordpress.wxr.WxrMeta;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;

/**
 * WordPress eXtended RSS 1.2 as WordPress 6 writes it (wp-admin/includes/export.php): the same elements in the same
 * order, the same prefixes declared on the root (WordPress's importer finds its namespaces by prefix), the same
 * choice between CDATA and escaped text. It writes the entries the reader hands out, so what one side writes the
 * other reads.
 */
final class WxrDocument {

	static final String WP = "http://wordpress.org/export/1.2/";

	/** WordPress's format for its {@code post_date} fields. */
	static final DateTimeFormatter WORDPRESS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	/** What WordPress writes for a draft that never had a date. */
	static final String NEVER = "0000-00-00 00:00:00";

	private static final DateTimeFormatter RSS_TIME = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss '+0000'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private WxrDocument() {
	}

	/** Everything before the first author: the root, the channel and the site's own fields. */
	static void head(WxrWriter xml, WxrSite site, Instant now) {
		xml.comment(" A WordPress eXtended RSS file (WXR 1.2) of the whole site, for WordPress's importer or ours. ")
			.start("rss")
			.attribute("version", "2.0")
			.namespace("excerpt", "http://wordpress.org/export/1.2/excerpt/")
			.namespace("content", "http://purl.org/rss/1.0/modules/content/")
			.namespace("wfw", "http://wellformedweb.org/CommentAPI/")
			.namespace("dc", "http://purl.org/dc/elements/1.1/")
			.namespace("wp", WP)
			.start("channel");
		xml.start("title").text(site.title()).end()
			.start("link").text(site.link()).end()
			.start("description").text(site.description()).end()
			.start("pubDate").text(RSS_TIME.format(now)).end()
			.start("language").text(site.language()).end()
			.plain("wp", "wxr_version", site.wxrVersion())
			.plain("wp", "base_site_url", site.baseSiteUrl())
			.plain("wp", "base_blog_url", site.baseBlogUrl());
	}

	static void author(WxrWriter xml, WxrAuthor author) {
		xml.start("wp", "author")
			.plain("wp", "author_id", Long.toString(author.id()))
			.words("wp", "author_login", author.login())
			.words("wp", "author_email", author.email())
			.words("wp", "author_display_name", author.displayName())
			.words("wp", "author_first_name", author.firstName())
			.words("wp", "author_last_name", author.lastName())
			.end();
	}

	static void category(WxrWriter xml, WxrCategory category) {
		xml.start("wp", "category")
			.plain("wp", "term_id", Long.toString(category.termId()))
			.words("wp", "category_nicename", category.nicename())
			.words("wp", "category_parent", category.parentNicename())
			.words("wp", "cat_name", category.name());
		if (!category.description().isEmpty()) {
			xml.words("wp", "category_description", category.description());
		}
		xml.end();
	}

	static void tag(WxrWriter xml, WxrTag tag) {
		xml.start("wp", "tag")
			.plain("wp", "term_id", Long.toString(tag.termId()))
			.words("wp", "tag_slug", tag.slug())
			.words("wp", "tag_name", tag.name());
		if (!tag.description().isEmpty()) {
			xml.words("wp", "tag_description", tag.description());
		}
		xml.end();
	}

	/**
	 * @param zone the site's time zone: WordPress keeps local times beside the GMT ones, and its importer takes the
	 *        local {@code post_date} as the post's date
	 */
	static void item(WxrWriter xml, WxrItem item, ZoneId zone) {
		xml.start("item")
			.start("title").cdata(item.title()).end()
			.start("link").text(item.link()).end()
			.start("pubDate").text(rssTime(item.postDateGmt(), item.postDate(), zone)).end()
			.start("dc", "creator").cdata(item.creator()).end()
			.start("guid").attribute("isPermaLink", "false").text(item.guid()).end()
			.start("description").end()
			.start("content", "encoded").cdata(item.content()).end()
			.start("excerpt", "encoded").cdata(item.excerpt()).end()
			.plain("wp", "post_id", Long.toString(item.postId()))
			.words("wp", "post_date", item.postDate())
			.words("wp", "post_date_gmt", item.postDateGmt())
			.words("wp", "post_modified", local(item.modifiedGmt(), zone))
			.words("wp", "post_modified_gmt", item.modifiedGmt())
			.words("wp", "comment_status", item.commentStatus())
			.words("wp", "ping_status", "closed")
			.words("wp", "post_name", item.postName())
			.words("wp", "status", item.status())
			.plain("wp", "post_parent", Long.toString(item.postParent()))
			.plain("wp", "menu_order", Integer.toString(item.menuOrder()))
			.words("wp", "post_type", item.postType())
			.words("wp", "post_password", item.password())
			.plain("wp", "is_sticky", item.sticky() ? "1" : "0");
		for (WxrItemTerm term : item.terms()) {
			xml.start("category").attribute("domain", term.domain()).attribute("nicename", term.nicename())
				.cdata(term.name())
				.end();
		}
		for (WxrMeta meta : item.meta()) {
			xml.start("wp", "postmeta").words("wp", "meta_key", meta.key()).words("wp", "meta_value", meta.value()).end();
		}
		for (WxrComment comment : item.comments()) {
			comment(xml, comment);
		}
		xml.end();
	}

	private static void comment(WxrWriter xml, WxrComment comment) {
		xml.start("wp", "comment")
			.plain("wp", "comment_id", Long.toString(comment.id()))
			.words("wp", "comment_author", comment.author())
			.words("wp", "comment_author_email", comment.authorEmail())
			.plain("wp", "comment_author_url", comment.authorUrl())
			.words("wp", "comment_author_IP", comment.authorIp())
			.words("wp", "comment_date", comment.date())
			.words("wp", "comment_date_gmt", comment.dateGmt())
			.words("wp", "comment_content", comment.content())
			.words("wp", "comment_approved", comment.approved())
			.words("wp", "comment_type", comment.type())
			.plain("wp", "comment_parent", Long.toString(comment.parent()))
			.plain("wp", "comment_user_id", Long.toString(comment.userId()));
		for (WxrMeta meta : comment.meta()) {
			xml.start("wp", "commentmeta").words("wp", "meta_key", meta.key()).words("wp", "meta_value", meta.value()).end();
		}
		xml.end();
	}

	static void tail(WxrWriter xml) {
		xml.end().end().endDocument();
	}

	static String wordpressTime(Instant instant, ZoneId zone) {
		return instant == null ? NEVER : WORDPRESS_TIME.format(instant.atZone(zone));
	}

	/** The RSS date of an item: its GMT time, else (a draft never dated) its local one read in the site's zone. */
	private static String rssTime(String gmt, String local, ZoneId zone) {
		Instant instant = parse(gmt, ZoneOffset.UTC);
		if (instant == null) {
			instant = parse(local, zone);
		}
		return instant == null ? "" : RSS_TIME.format(instant);
	}

	private static String local(String gmt, ZoneId zone) {
		Instant instant = parse(gmt, ZoneOffset.UTC);
		return instant == null ? NEVER : wordpressTime(instant, zone);
	}

	private static Instant parse(String time, ZoneId zone) {
		if (time == null || time.isBlank() || NEVER.equals(time)) {
			return null;
		}
		try {
			return LocalDateTime.parse(time, WORDPRESS_TIME).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}
}
