package org.drugsandcrime.blog.web.site;

/**
 * The head of a page: what search engines, link previews and feed readers are told about it. Put in the model
 * as {@code meta}; pages without one get the site's own.
 *
 * @param feedPath the feed matching this page (the site's feed, or the archive's)
 * @param jsonLd a JSON-LD document, already safe to put inside a script element, or null
 * @param publishedAt for articles, ISO 8601 in UTC
 */
public record PageMeta(String title, String description, String canonicalUrl, String type, String imageUrl,
		String feedPath, String feedTitle, String jsonLd, String publishedAt, String modifiedAt) {

	public static final String ATTRIBUTE = "meta";

	/** A page of the site that is not an article, with the site's feed. */
	public static PageMeta website(SiteHeader site, String title, String description, String path) {
		return new PageMeta(title, shortened(description == null || description.isBlank() ? site.description() : description),
				site.absolute(path), "website", null, "/feed", site.title(), null, null, null);
	}

	/** Search engines show about 160 characters; longer texts are cut at a word, on one line. */
	public static String shortened(String text) {
		if (text == null) {
			return "";
		}
		String line = text.replaceAll("[*_#>`]+", "").replaceAll("\\s+", " ").strip();
		if (line.length() <= 200) {
			return line;
		}
		int cut = line.lastIndexOf(' ', 197);
		return line.substring(0, cut > 100 ? cut : 197) + "…";
	}

	public PageMeta withFeed(String path, String feedTitle) {
		return new PageMeta(title, description, canonicalUrl, type, imageUrl, path, feedTitle, jsonLd, publishedAt,
				modifiedAt);
	}
}
