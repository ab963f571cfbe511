package org.drugsandcrime.blog.feed.syndication;

import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.core.feed.CommentedPost;
import org.drugsandcrime.blog.core.feed.FeedComment;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.feed.SiteComment;
import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.feed.FeedDates;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;
import org.drugsandcrime.blog.feed.XmlWriter;

/**
 * RSS 2.0 with the modules readers expect: the whole body in {@code content:encoded}, the author's name in
 * {@code dc:creator} (RSS's own {@code author} must be an email address, which staff's are not to be), and
 * {@code atom:link} for the feed's own address and its hub.
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
			.element("title", channel.title())
			.element("link", channel.link())
			.element("description", channel.description())
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
			.element("title", entry.title())
			.element("link", links.post(entry.slug()))
			.start("guid")
			.attribute("isPermaLink", "false")
			.text(entry.guid())
			.end()
			.element("pubDate", FeedDates.rfc822(entry.publishedAt()))
			.element("dc", "creator", DC, entry.authorName());
		for (Label category : entry.categories()) {
			xml.start("category").attribute("domain", links.archive(ArchiveKind.CATEGORY,
					category.slug())).text(category.name()).end();
		}
		for (Label tag : entry.tags()) {
			xml.element("category", tag.name());
		}
		xml.element("description", entry.excerpt())
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
			.element("title", title)
			.element("link", links.post(post.slug()) + "#comment-" + comment.id())
			.start("guid")
			.attribute("isPermaLink", "false")
			.text(post.guid() + "#comment-" + comment.id())
			.end()
			.element("pubDate", FeedDates.rfc822(comment.createdAt()))
			.element("dc", "creator", DC, comment.authorName())
			.element("description", comment.body())
			.end();
	}

	static void tail(XmlWriter xml) {
		xml.end().end().endDocument();
	}

	/** What the channel says about itself. */
	record Channel(String title, String link, String description) {
	}
}
