package org.drugsandcrime.blog.feed.sitemap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.feed.FeedEntries;
import org.drugsandcrime.blog.core.feed.FeedStamp;
import org.drugsandcrime.blog.core.feed.NewsPost;
import org.drugsandcrime.blog.core.feed.SitemapArchive;
import org.drugsandcrime.blog.core.feed.SitemapEntries;
import org.drugsandcrime.blog.feed.DocumentStream;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;
import org.drugsandcrime.blog.feed.XmlWriter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/** The sitemap index, the post sitemaps, the sitemap of the other pages, the news sitemap and robots.txt. */
@Component
class SitemapHandler {

	/** Google News lists articles of the last two days. */
	static final Duration NEWS_WINDOW = Duration.ofDays(2);

	/** robots.txt changes only with a release of this code (and the base URL, which its tag covers). */
	private static final Instant ROBOTS_WRITTEN = Instant.parse("2026-11-24T00:00:00Z");

	private static final Pattern POST_SITEMAP = Pattern.compile("posts-([1-9][0-9]{0,5})\\.xml");

	private final SitemapEntries sitemaps;

	private final FeedEntries feeds;

	private final FeedResponses responses;

	private final FeedLinks links;

	private final int urlsPerSitemap;

	SitemapHandler(SitemapEntries sitemaps, FeedEntries feeds, FeedResponses responses, FeedLinks links,
			SitemapProperties properties) {
		this.sitemaps = sitemaps;
		this.feeds = feeds;
		this.responses = responses;
		this.links = links;
		this.urlsPerSitemap = properties.urlsPerSitemap();
	}

	Mono<ServerResponse> index(ServerRequest request) {
		return sitemaps.stamp()
			.flatMap(stamp -> responses.respond(request, FeedResponses.XML, stamp, null,
					document -> DocumentStream.write(document.buffers(), XmlWriter::open, XmlWriter::flush,
							xml -> {
								SitemapDocument.indexHead(xml);
								SitemapDocument.indexEntry(xml, links.site(FeedLinks.PAGES_SITEMAP), stamp.lastModified());
							}, sitemaps.chunks(urlsPerSitemap),
							(xml, chunk) -> SitemapDocument.indexEntry(xml, links.postSitemap(chunk.number()),
									chunk.lastModified()),
							SitemapDocument::tail)));
	}

	Mono<ServerResponse> sitemap(ServerRequest request) {
		String name = request.pathVariable("name");
		if (name.equals("pages.xml")) {
			return pages(request);
		}
		Matcher matcher = POST_SITEMAP.matcher(name);
		if (!matcher.matches()) {
			return notFound();
		}
		int number = Integer.parseInt(matcher.group(1));
		return sitemaps.hasPosts(number, urlsPerSitemap)
			.filter(Boolean::booleanValue)
			.flatMap(found -> sitemaps.stamp())
			.flatMap(stamp -> responses.respond(request, FeedResponses.XML, stamp, null, document -> {
				SitemapDocument.Size size = new SitemapDocument.Size();
				return DocumentStream.write(document.buffers(), XmlWriter::open, XmlWriter::flush,
						xml -> SitemapDocument.urlsetHead(xml, "image", SitemapDocument.IMAGE),
						sitemaps.posts(number, urlsPerSitemap), (xml, post) -> SitemapDocument.post(xml, post, links, size),
						SitemapDocument::tail);
			}))
			.switchIfEmpty(notFound());
	}

	private Mono<ServerResponse> pages(ServerRequest request) {
		return sitemaps.stamp()
			.flatMap(stamp -> responses.respond(request, FeedResponses.XML, stamp, null,
					document -> DocumentStream.<XmlWriter, SitemapArchive>write(document.buffers(), XmlWriter::open,
							XmlWriter::flush, xml -> SitemapDocument.urlsetHead(xml, null, null), sitemaps.archives(),
							(xml, archive) -> SitemapDocument.archive(xml, archive, links), SitemapDocument::tail)));
	}

	/**
	 * Posts of the last two days. With none, the home page stands alone (without news tags): a sitemap with no
	 * URL at all is invalid, and a 404 would look like a broken sitemap.
	 */
	Mono<ServerResponse> news(ServerRequest request) {
		return Mono.zip(feeds.site(), sitemaps.newsStamp(NEWS_WINDOW))
			.flatMap(found -> responses.respond(request, FeedResponses.XML, found.getT2(), null, document -> {
				boolean[] any = { false };
				return DocumentStream.<XmlWriter, NewsPost>write(document.buffers(), XmlWriter::open, XmlWriter::flush,
						xml -> SitemapDocument.urlsetHead(xml, "news", SitemapDocument.NEWS), sitemaps.news(NEWS_WINDOW),
						(xml, post) -> {
							any[0] = true;
							SitemapDocument.news(xml, post, found.getT1(), links);
						}, xml -> {
							if (!any[0]) {
								xml.start("url").element("loc", links.home()).end();
							}
							SitemapDocument.tail(xml);
						});
			}));
	}

	Mono<ServerResponse> robots(ServerRequest request) {
		String text = "User-agent: *\nAllow: /\n\nSitemap: " + links.site(FeedLinks.SITEMAP_INDEX) + "\n";
		return responses.respond(request, FeedResponses.TEXT, new FeedStamp(ROBOTS_WRITTEN, "robots"), null,
				document -> Flux.just(document.buffers().wrap(text.getBytes(StandardCharsets.UTF_8))));
	}

	private static <T> Mono<T> notFound() {
		return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
