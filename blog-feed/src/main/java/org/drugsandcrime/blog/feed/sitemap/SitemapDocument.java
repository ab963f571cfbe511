package org.drugsandcrime.blog.feed.sitemap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jsoup.parser.Parser;

import org.drugsandcrime.blog.core.feed.FeedSite;
import org.drugsandcrime.blog.core.feed.NewsPost;
import org.drugsandcrime.blog.core.feed.SitemapArchive;
import org.drugsandcrime.blog.core.feed.SitemapPost;
import org.drugsandcrime.blog.feed.FeedDates;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.XmlWriter;
import org.springframework.web.util.UriUtils;

/** Sitemaps (sitemaps.org 0.9) with Google's image (1.1) and news (0.9) extensions. */
final class SitemapDocument {

	static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

	static final String IMAGE = "http://www.google.com/schemas/sitemap-image/1.1";

	static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";

	/** Google reads at most this many images of a page; a body full of images does not swell the sitemap. */
	static final int IMAGES_PER_URL = 10;

	/** The sitemaps.org limit for a URL. */
	static final int MAX_URL_LENGTH = 2048;

	/** Past this many bytes images are left out, so URLs alone keep a sitemap under the 50 MB limit. */
	static final long IMAGE_BUDGET = 45L * 1024 * 1024;

	private SitemapDocument() {
	}

	static void indexHead(XmlWriter xml) {
		xml.start("sitemapindex").defaultNamespace(SITEMAP);
	}

	static void indexEntry(XmlWriter xml, String loc, Instant lastModified) {
		xml.start("sitemap").element("loc", loc);
		if (lastModified != null) {
			xml.element("lastmod", FeedDates.rfc3339(lastModified));
		}
		xml.end();
	}

	static void urlsetHead(XmlWriter xml, String extensionPrefix, String extension) {
		xml.start("urlset").defaultNamespace(SITEMAP);
		if (extension != null) {
			xml.namespace(extensionPrefix, extension);
		}
	}

	static void post(XmlWriter xml, SitemapPost post, FeedLinks links, Size size) {
		String loc = links.post(post.slug());
		xml.start("url").element("loc", loc).element("lastmod", FeedDates.rfc3339(post.updatedAt()));
		size.add(loc.length() + 80);
		int listed = 0;
		for (String image : post.images()) {
			String url = links.absolute(Parser.unescapeEntities(image, true));
			if (listed == IMAGES_PER_URL || size.bytes() > IMAGE_BUDGET) {
				break;
			}
			if (url.length() > MAX_URL_LENGTH || !url.startsWith("http")) {
				continue;
			}
			xml.start("image", "image", IMAGE).element("image", "loc", IMAGE, url).end();
			size.add(url.getBytes(StandardCharsets.UTF_8).length + 50);
			listed++;
		}
		xml.end();
	}

	static void archive(XmlWriter xml, SitemapArchive archive, FeedLinks links) {
		xml.start("url").element("loc", links.site(UriUtils.encodePath(archive.path(), StandardCharsets.UTF_8)));
		if (archive.lastModified() != null) {
			xml.element("lastmod", FeedDates.rfc3339(archive.lastModified()));
		}
		xml.end();
	}

	static void news(XmlWriter xml, NewsPost post, FeedSite site, FeedLinks links) {
		xml.start("url")
			.element("loc", links.post(post.slug()))
			.start("news", "news", NEWS)
			.start("news", "publication", NEWS)
			.element("news", "name", NEWS, site.title())
			.element("news", "language", NEWS, "en")
			.end()
			.element("news", "publication_date", NEWS, FeedDates.rfc3339(post.publishedAt()))
			.element("news", "title", NEWS, post.title())
			.end()
			.end();
	}

	static void tail(XmlWriter xml) {
		xml.end().endDocument();
	}

	/** Roughly how many bytes a sitemap has grown to; one per response. */
	static final class Size {

		private long bytes;

		void add(long more) {
			bytes += more;
		}

		long bytes() {
			return bytes;
		}
	}
}
