package org.drugsandcrime.blog.feed.syndication;

import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.feed.FeedSite;
import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.feed.FeedDates;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;
import org.drugsandcrime.blog.feed.XmlWriter;

/**
 * Atom 1.0 (RFC 4287). Entry ids are the posts' guids, minted at creation and never changed; the feed's id is
 * minted once in the database; neither mentions a host name.
 */
final class AtomDocument {

	static final String ATOM = "http://www.w3.org/2005/Atom";

	private AtomDocument() {
	}

	static void head(XmlWriter xml, FeedSite site, FeedLinks links, FeedResponses.Document document) {
		xml.start("feed")
			.defaultNamespace(ATOM)
			.element("id", site.atomId())
			.start("title").attribute("type", "text").text(site.title()).end()
			.start("subtitle").attribute("type", "text").text(site.tagline()).end()
			.element("updated", FeedDates.rfc3339(document.lastModified()))
			.empty("link", "rel", "self", "type", "application/atom+xml", "href",
					document.self())
			.empty("link", "rel", "alternate", "type", "text/html", "href", links.home());
		if (document.hub() != null) {
			xml.empty("link", "rel", "hub", "href", document.hub());
		}
		xml.start("generator").attribute("uri", links.home()).text("drugsandcrime blog-feed").end();
	}

	static void entry(XmlWriter xml, FeedEntry entry, FeedLinks links) {
		xml.start("entry")
			.element("id", entry.guid())
			.start("title").attribute("type", "text").text(entry.title()).end()
			.empty("link", "rel", "alternate", "type", "text/html", "href", links.post(entry.slug()))
			.element("published", FeedDates.rfc3339(entry.publishedAt()))
			.element("updated", FeedDates.rfc3339(entry.updatedAt()))
			.start("author")
			.element("name", entry.authorName())
			.element("uri", links.archive(ArchiveKind.AUTHOR, entry.authorSlug()))
			.end();
		for (Label category : entry.categories()) {
			xml.empty("category", "term", category.slug(), "label", category.name(), "scheme",
					links.site("/category/"));
		}
		for (Label tag : entry.tags()) {
			xml.empty("category", "term", tag.slug(), "label", tag.name(), "scheme", links.site("/tag/"));
		}
		xml.start("summary").attribute("type", "text").text(entry.excerpt()).end()
			.start("content").attribute("type", "html").text(links.absoluteBody(entry.bodyHtml())).end()
			.end();
	}

	static void tail(XmlWriter xml) {
		xml.end().endDocument();
	}
}
