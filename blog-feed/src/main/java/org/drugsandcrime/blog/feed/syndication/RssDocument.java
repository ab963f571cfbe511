package org.drugsandcrime.blog.feed.syndication;

import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.core.feed.CommentedPost;
import org.drugsandcrime.blog.core.feed.FeedComment;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.feed.SiteComment;
import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.core.render.PlainText;
import org.drugsandcrime.blog.feed.FeedDates;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;
import org.drugsandcrime.blog.feed.XmlWriter;

/**
 * RSS 2.0 with the modules readers expect: the whole body in {@code content:encoded}, the author's name in
 * {@code dc:creator} (RSS's own {@code author} must be an email address, which staff's are not to be), and
 * {@code atom:link} for the feed's own address and its hub. Every text element goes through {@link RssText}:
 * descriptions as HTML, titles, categories and names as text no reader can take for markup.
 */
final class RssDocument {

	static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

	static final String DC = "http://purl.org/dc/elements/1.1/";

	static final String ATOM = "http://www.w3.org/2005/Atom";

	private RssDocument() {
	}

	static void head(XmlWriter xml, Channel channel, FeedResponses.Document document) {
		xml.start("rss")
			.attribute("version", "2.0")
			.namespace("content", CONTENT)
			.namespace("dc", DC)
			.namespace("atom", ATOM)
			.start("channel")
			.element("title", RssText.text(channel.title()))
			.element("link", channel.link())
			.element("description", channel.descriptionHtml())
			.element("language", "en")
			.element("lastBuildDate", FeedDates.rfc822(document.lastModified()))
			.element("generator", "drugsandcrime blog-feed")
			.emptyIn("atom", "link", ATOM, "href", document.self(), "rel", "self", "type",
					"application/rss+xml");
		if (document.hub() != null) {
			xml.emptyIn("atom", "link", ATOM, "href", document.hub(), "rel", "hub");
		}
	}

	static void item(XmlWriter xml, FeedEntry entry, FeedLinks links) {
		xml.start("item")
			.element("title", RssText.text(entry.title()))
			.element("link", links.post(entry.slug()))
			.start("guid")
			.attribute("isPermaLink", "false")
			.text(entry.guid())
			.end()
			.element("pubDate", FeedDates.rfc822(entry.publishedAt()))
			.element("dc", "creator", DC, RssText.text(entry.authorName()));
		for (Label category : entry.categories()) {
			xml.start("category").attribute("domain", links.archive(ArchiveKind.CATEGORY,
					category.slug())).text(RssText.text(category.name())).end();
		}
		for (Label tag : entry.tags()) {
			xml.element("category", RssText.text(tag.name()));
		}
		xml.element("description", RssText.html(entry.excerpt()))
			.element("content", "encoded", CONTENT, links.absoluteBody(entry.bodyHtml()))
			.element("comments", links.comments(entry.slug()))
			.end();
	}

	static void comment(XmlWriter xml, CommentedPost post, FeedComment comment, FeedLinks links) {
		comment(xml, "By: " + comment.authorName(), post, comment, links);
	}

	/** A comment in the site's comment feed: its title names the post, as WordPress's does. */
	static void siteComment(XmlWriter xml, SiteComment comment, FeedLinks links) {
		comment(xml, "Comment on " + comment.post().title() + " by " + comment.comment().authorName(), comment.post(),
				comment.comment(), links);
	}

	private static void comment(XmlWriter xml, String title, CommentedPost post, FeedComment comment, FeedLinks links) {
		xml.start("item")
			.element("title", RssText.text(title))
			.element("link", links.post(post.slug()) + "#comment-" + comment.id())
			.start("guid")
			.attribute("isPermaLink", "false")
			.text(post.guid() + "#comment-" + comment.id())
			.end()
			.element("pubDate", FeedDates.rfc822(comment.createdAt()))
			.element("dc", "creator", DC, RssText.text(comment.authorName()))
			.element("description", PlainText.toHtml(comment.body()))
			.end();
	}

	static void tail(XmlWriter xml) {
		xml.end().end().endDocument();
	}

	/**
	 * What the channel says about itself: its title as plain text, its description as HTML (the handler knows
	 * whether that is an escaped tagline or an archive's description in paragraphs).
	 */
	record Channel(String title, String link, String descriptionHtml) {
	}
}
