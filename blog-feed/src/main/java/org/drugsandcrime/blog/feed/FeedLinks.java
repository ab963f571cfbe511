package org.drugsandcrime.blog.feed;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The absolute URLs feeds and sitemaps link to, on the site's public address. These paths are the site's
 * contract (SPEC): the pages' {@code <link rel="alternate">} tags point at the same ones.
 */
@Component
public class FeedLinks {

	public static final String RSS = "/feed";

	public static final String ATOM = "/feed/atom";

	public static final String JSON = "/feed.json";

	/** The newest approved comments of the whole site. */
	public static final String COMMENTS = "/comments/feed";

	public static final String SITEMAP_INDEX = "/sitemap.xml";

	public static final String NEWS_SITEMAP = "/sitemap-news.xml";

	public static final String PAGES_SITEMAP = "/sitemaps/pages.xml";

	/** Site-relative {@code src} and {@code href} in a body; a feed reader has no page to resolve them against. */
	private static final Pattern RELATIVE = Pattern.compile("(\\s(?:src|href)=\")/(?!/)");

	private final String base;

	public FeedLinks(PublicAddress address) {
		String url = address.baseUrl() == null ? "http://localhost:8080" : address.baseUrl().toString();
		this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** The site's address without a trailing slash. */
	public String base() {
		return base;
	}

	public String home() {
		return base + "/";
	}

	/** The absolute URL of a site path that starts with "/". */
	public String site(String path) {
		return base + path;
	}

	public String post(String slug) {
		return base + "/posts/" + segment(slug);
	}

	public String archive(ArchiveKind kind, String slug) {
		return base + "/" + kind.path() + "/" + segment(slug);
	}

	public String archiveFeed(ArchiveKind kind, String slug) {
		return archive(kind, slug) + "/feed";
	}

	public String comments(String slug) {
		return post(slug) + "#comments";
	}

	public String commentFeed(String slug) {
		return post(slug) + "/comments/feed";
	}

	public String postSitemap(int number) {
		return base + "/sitemaps/posts-" + number + ".xml";
	}

	/** An image or link as stored (absolute, protocol-relative or site-relative) made absolute. */
	public String absolute(String url) {
		if (url == null || url.isBlank()) {
			return url;
		}
		String trimmed = url.strip();
		if (trimmed.startsWith("//")) {
			return (base.startsWith("https:") ? "https:" : "http:") + trimmed;
		}
		if (trimmed.startsWith("/")) {
			return base + trimmed;
		}
		if (trimmed.regionMatches(true, 0, "http://", 0, 7) || trimmed.regionMatches(true, 0, "https://", 0, 8)) {
			return trimmed;
		}
		return base + "/" + trimmed;
	}

	/** A post body with its site-relative links and images made absolute. */
	public String absoluteBody(String html) {
		return html == null ? "" : RELATIVE.matcher(html).replaceAll("$1" + Matcher.quoteReplacement(base) + "/");
	}

	private static String segment(String slug) {
		return UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8);
	}
}
