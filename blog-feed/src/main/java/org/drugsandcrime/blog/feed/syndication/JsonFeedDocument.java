package org.drugsandcrime.blog.feed.syndication;

import tools.jackson.core.JsonGenerator;

import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.feed.FeedSite;
import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.core.render.XmlCharacters;
import org.drugsandcrime.blog.feed.FeedDates;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;

/** JSON Feed 1.1, written field by field with Jackson's streaming generator. */
final class JsonFeedDocument {

	static final String VERSION = "https://jsonfeed.org/version/1.1";

	private JsonFeedDocument() {
	}

	static void head(JsonGenerator json, FeedSite site, FeedLinks links, FeedResponses.Document document) {
		json.writeStartObject();
		json.writeStringProperty("version", VERSION);
		json.writeStringProperty("title", text(site.title()));
		json.writeStringProperty("home_page_url", links.home());
		json.writeStringProperty("feed_url", document.self());
		json.writeStringProperty("description", text(site.tagline()));
		json.writeStringProperty("language", "en");
		if (document.hub() != null) {
			json.writeName("hubs");
			json.writeStartArray();
			json.writeStartObject();
			json.writeStringProperty("type", "WebSub");
			json.writeStringProperty("url", document.hub());
			json.writeEndObject();
			json.writeEndArray();
		}
		json.writeName("items");
		json.writeStartArray();
	}

	static void item(JsonGenerator json, FeedEntry entry, FeedLinks links) {
		json.writeStartObject();
		json.writeStringProperty("id", entry.guid());
		json.writeStringProperty("url", links.post(entry.slug()));
		json.writeStringProperty("title", text(entry.title()));
		json.writeStringProperty("content_html", text(links.absoluteBody(entry.bodyHtml())));
		json.writeStringProperty("summary", text(entry.excerpt()));
		if (entry.coverImage() != null && !entry.coverImage().isBlank()) {
			json.writeStringProperty("image", links.absolute(entry.coverImage()));
		}
		json.writeStringProperty("date_published", FeedDates.rfc3339(entry.publishedAt()));
		json.writeStringProperty("date_modified", FeedDates.rfc3339(entry.updatedAt()));
		json.writeName("authors");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("name", text(entry.authorName()));
		json.writeStringProperty("url", links.archive(ArchiveKind.AUTHOR, entry.authorSlug()));
		json.writeEndObject();
		json.writeEndArray();
		json.writeName("tags");
		json.writeStartArray();
		for (Label category : entry.categories()) {
			json.writeString(text(category.name()));
		}
		for (Label tag : entry.tags()) {
			json.writeString(text(tag.name()));
		}
		json.writeEndArray();
		json.writeEndObject();
	}

	static void tail(JsonGenerator json) {
		json.writeEndArray();
		json.writeEndObject();
		json.flush();
	}

	/** The same characters the XML feeds carry, so every format says the same thing. */
	private static String text(String value) {
		return XmlCharacters.clean(value);
	}
}
