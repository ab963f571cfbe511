package org.drugsandcrime.blog.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.feed.FeedStamp;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Answers a feed or sitemap request: validators from the document's {@link FeedStamp} (read without making the
 * document), the conditional request evaluated on them, and only then, for a GET that needs it, the document
 * streamed. A 304 or a HEAD carries the same validators and caching headers as a 200, and no body.
 */
@Component
public class FeedResponses {

	public static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");

	public static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

	public static final MediaType JSON_FEED = MediaType.parseMediaType("application/feed+json;charset=UTF-8");

	public static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

	public static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

	/** Bumped when the documents' format changes, so validators handed out before no longer match. */
	private static final String FORMAT = "feeds-1";

	/** Caches may keep a copy but must ask before using it: a publish shows within seconds. */
	private static final String CACHE_CONTROL = "public, no-cache";

	private final FeedLinks links;

	private final FeedProperties properties;

	FeedResponses(FeedLinks links, FeedProperties properties) {
		this.links = links;
		this.properties = properties;
	}

	/**
	 * @param self the document's own URL, announced beside the hub when it is a feed; null for sitemaps
	 * @param body writes the document once the validators say it is needed
	 */
	public Mono<ServerResponse> respond(ServerRequest request, MediaType type, FeedStamp stamp, String self,
			Function<Document, Flux<DataBuffer>> body) {
		String hub = properties.hasHub() && self != null ? properties.websubHub().toString() : "";
		Validators validators = Validators.of(stamp.lastModified(), FORMAT, stamp.fingerprint(), request.path(),
				links.base(), hub);
		HttpStatus status = ConditionalRequest.evaluate(request.method(), request.headers().asHttpHeaders(),
				validators);
		List<String> linkHeader = new ArrayList<>();
		if (!hub.isEmpty()) {
			linkHeader.add("<" + hub + ">; rel=\"hub\"");
			linkHeader.add("<" + self + ">; rel=\"self\"");
		}
		ServerResponse.BodyBuilder response = ServerResponse.status(status).headers(headers -> {
			headers.set(HttpHeaders.ETAG, validators.etag());
			headers.set(HttpHeaders.LAST_MODIFIED, ConditionalRequest.HTTP_DATE.format(validators.lastModified()));
			headers.set(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
			headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
			if (!linkHeader.isEmpty()) {
				headers.set(HttpHeaders.LINK, String.join(", ", linkHeader));
			}
		});
		if (status != HttpStatus.OK) {
			return response.build();
		}
		response.contentType(type);
		if (HttpMethod.HEAD.equals(request.method())) {
			return response.build();
		}
		Document document = new Document(request.exchange().getResponse().bufferFactory(), validators.lastModified(),
				hub.isEmpty() ? null : hub, self);
		return response.body(BodyInserters.fromDataBuffers(body.apply(document)));
	}

	/** What a document writer needs beyond its rows. */
	public record Document(DataBufferFactory buffers, Instant lastModified, String hub, String self) {
	}
}
