package org.drugsandcrime.blog.feed.syndication;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.drugsandcrime.blog.core.feed.Archive;
import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.core.feed.CommentedPost;
import org.drugsandcrime.blog.core.feed.FeedEntries;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.feed.FeedSite;
import org.drugsandcrime.blog.core.render.PlainText;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.feed.DocumentStream;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;
import org.drugsandcrime.blog.feed.XmlWriter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/** The blog's feeds: RSS, Atom and JSON Feed of the newest posts, RSS per archive and per post's comments. */
@Component
class SyndicationHandler {

	/** Entries in a comment feed. */
	static final int COMMENTS = 50;

	private final FeedEntries entries;

	private final FeedResponses responses;

	private final FeedLinks links;

	private final JsonMapper json;

	SyndicationHandler(FeedEntries entries, FeedResponses responses, FeedLinks links, JsonMapper json) {
		this.entries = entries;
		this.responses = responses;
		this.links = links;
		this.json = json;
	}

	Mono<ServerResponse> rss(ServerRequest request) {
		return rss(request, null);
	}

	Mono<ServerResponse> archiveRss(ServerRequest request, ArchiveKind kind) {
		String slug = request.pathVariable("slug");
		if (!Slugs.isValid(slug)) {
			return notFound();
		}
		return entries.archive(kind, slug).flatMap(archive -> rss(request, archive)).switchIfEmpty(notFound());
	}

	private Mono<ServerResponse> rss(ServerRequest request, Archive archive) {
		String self = archive == null ? links.site(FeedLinks.RSS) : links.archiveFeed(archive.kind(), archive.slug());
		return Mono.zip(entries.site(), entries.stamp(archive, FeedEntries.PER_FEED))
			.flatMap(found -> responses.respond(request, FeedResponses.RSS, found.getT2(), self, document -> {
				FeedSite site = found.getT1();
				RssDocument.Channel channel = archive == null
						? new RssDocument.Channel(site.title(), links.home(), RssText.html(site.tagline()))
						: new RssDocument.Channel(site.title() + " – " + archive.name(),
								links.archive(archive.kind(), archive.slug()),
								archive.description() == null || archive.description().isBlank()
										? RssText.html(site.tagline()) : PlainText.toHtml(archive.description()));
				return xml(document, xml -> RssDocument.head(xml, channel, document), entries.newest(archive, FeedEntries.PER_FEED),
						(xml, entry) -> RssDocument.item(xml, entry, links), RssDocument::tail);
			}));
	}

	Mono<ServerResponse> atom(ServerRequest request) {
		return Mono.zip(entries.site(), entries.stamp(null, FeedEntries.PER_FEED))
			.flatMap(found -> responses.respond(request, FeedResponses.ATOM, found.getT2(), links.site(FeedLinks.ATOM),
					document -> xml(document, xml -> AtomDocument.head(xml, found.getT1(), links, document),
							entries.newest(null, FeedEntries.PER_FEED), (xml, entry) -> AtomDocument.entry(xml, entry, links),
							AtomDocument::tail)));
	}

	Mono<ServerResponse> json(ServerRequest request) {
		return Mono.zip(entries.site(), entries.stamp(null, FeedEntries.PER_FEED))
			.flatMap(found -> responses.respond(request, FeedResponses.JSON_FEED, found.getT2(),
					links.site(FeedLinks.JSON), document -> {
						FeedSite site = found.getT1();
						return DocumentStream.<JsonGenerator, FeedEntry>write(document.buffers(), json::createGenerator,
								JsonGenerator::flush, generator -> JsonFeedDocument.head(generator, site, links, document),
								entries.newest(null, FeedEntries.PER_FEED), (generator, entry) -> JsonFeedDocument.item(generator, entry, links),
								JsonFeedDocument::tail);
					}));
	}

	Mono<ServerResponse> comments(ServerRequest request) {
		String slug = request.pathVariable("slug");
		if (!Slugs.isValid(slug)) {
			return notFound();
		}
		return entries.commentedPost(slug)
			.flatMap(post -> Mono.zip(entries.site(), entries.commentsStamp(post.id()))
				.flatMap(found -> responses.respond(request, FeedResponses.RSS, found.getT2(),
						links.commentFeed(post.slug()), document -> commentFeed(document, found.getT1(), post))))
			.switchIfEmpty(notFound());
	}

	/** The newest approved comments of the whole site, as WordPress's {@code /comments/feed/} gave them. */
	Mono<ServerResponse> siteComments(ServerRequest request) {
		return Mono.zip(entries.site(), entries.siteCommentsStamp())
			.flatMap(found -> responses.respond(request, FeedResponses.RSS, found.getT2(),
					links.site(FeedLinks.COMMENTS), document -> {
						FeedSite site = found.getT1();
						RssDocument.Channel channel = new RssDocument.Channel("Comments for " + site.title(), links.home(),
								RssText.html(site.tagline()));
						return xml(document, xml -> RssDocument.head(xml, channel, document),
								entries.newestApprovedComments(COMMENTS),
								(xml, comment) -> RssDocument.siteComment(xml, comment, links), RssDocument::tail);
					}));
	}

	private Flux<DataBuffer> commentFeed(FeedResponses.Document document, FeedSite site,
			CommentedPost post) {
		RssDocument.Channel channel = new RssDocument.Channel("Comments on: " + post.title(), links.post(post.slug()),
				RssText.html("Comments on “" + post.title() + "” at " + site.title()));
		return xml(document, xml -> RssDocument.head(xml, channel, document), entries.approvedComments(post.id(), COMMENTS),
				(xml, comment) -> RssDocument.comment(xml, post, comment, links), RssDocument::tail);
	}

	private static <T> Flux<DataBuffer> xml(FeedResponses.Document document,
			Consumer<XmlWriter> head, Flux<T> rows,
			BiConsumer<XmlWriter, T> row, Consumer<XmlWriter> tail) {
		return DocumentStream.write(document.buffers(), XmlWriter::open, XmlWriter::flush, head, rows, row, tail);
	}

	private static <T> Mono<T> notFound() {
		return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
