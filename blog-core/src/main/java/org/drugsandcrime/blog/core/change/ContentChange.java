package org.drugsandcrime.blog.core.change;

/**
 * Something readers can see has changed: every cache of pages, feeds and sitemaps in every process must
 * forget what it holds for it. {@code kind} is the kind of item ("post", "comment", "settings", …).
 */
public record ContentChange(String kind, long id) {

	String payload() {
		return kind + ":" + id;
	}

	static ContentChange parse(String payload) {
		int colon = payload.indexOf(':');
		if (colon < 0) {
			return new ContentChange(payload, 0);
		}
		try {
			return new ContentChange(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			return new ContentChange(payload.substring(0, colon), 0);
		}
	}
}
