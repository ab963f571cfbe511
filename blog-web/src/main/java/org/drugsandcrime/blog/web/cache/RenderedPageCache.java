package org.drugsandcrime.blog.web.cache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.change.ContentVersion;
import org.drugsandcrime.blog.web.guard.ClientAddress;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Keeps every successful GET response of the public site (pages, feeds, sitemaps) as bytes and answers the
 * next request for the same page from memory, the way a static file server would, revalidation included. The
 * same page means the same path and the same values of the parameters its route reads ({@link RouteParameters});
 * what the cache cannot answer is counted against the client's {@link RenderLimit}.
 *
 * <p>Correctness comes from {@link ContentVersion}: any change in any process empties the cache (LISTEN/NOTIFY,
 * within milliseconds), and a response is kept only if no change arrived while it was being produced, so a page
 * rendered from data older than a change can never outlive it. The public site sets no cookies and varies
 * on nothing but the URL, so one copy serves every reader.
 */
@Component
class RenderedPageCache implements WebFilter, Ordered, DisposableBean {

	/**
	 * Headers that describe the representation and are replayed from the cache; everything else is per response.
	 * The security headers are not among them: {@code headers.SecurityHeaders} writes them on every response, hits
	 * included. A page's own stricter {@code Referrer-Policy} is the page's, so it is kept.
	 */
	private static final List<String> REPLAYED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LANGUAGE,
			HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CACHE_CONTROL, HttpHeaders.LINK, HttpHeaders.VARY,
			"Referrer-Policy");

	private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final int SLICE = 64 * 1024;

	private final PageCacheProperties properties;

	private final ContentVersion version;

	private final RouteParameters routes;

	private final RenderLimit renders;

	private final Cache<String, CachedResponse> pages;

	private final Disposable invalidation;

	private final Set<CachedResponse> compressing = ConcurrentHashMap.newKeySet();

	RenderedPageCache(PageCacheProperties properties, ContentVersion version, RouteParameters routes, RenderLimit renders) {
		this.properties = properties;
		this.version = version;
		this.routes = routes;
		this.renders = renders;
		this.pages = Caffeine.newBuilder()
			.maximumWeight(properties.maxSize().toBytes())
			.weigher((String key, CachedResponse response) -> response.weight())
			.expireAfterWrite(properties.maxAge())
			.recordStats()
			.build();
		this.invalidation = version.changes().subscribe(change -> pages.invalidateAll());
	}

	@Override
	public int getOrder() {
		// Outside every other filter: a hit must cost no more than a lookup.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!READS.contains(request.getMethod()) || request.getPath().value().startsWith("/media/")) {
			return chain.filter(exchange);
		}
		String key = properties.enabled() ? routes.key(request) : null;
		CachedResponse cached = key == null ? null : pages.getIfPresent(key);
		if (cached != null) {
			return replay(exchange, cached);
		}
		try {
			renders.count(ClientAddress.of(exchange));
		}
		catch (RenderLimit.TooManyRenders ex) {
			return Mono.error(ex);
		}
		if (key == null || request.getMethod() == HttpMethod.HEAD) {
			return chain.filter(exchange);
		}
		long versionAtStart = version.current();
		return chain.filter(exchange.mutate().response(new Recording(exchange.getResponse(), key, versionAtStart)).build());
	}

	private Mono<Void> replay(ServerWebExchange exchange, CachedResponse cached) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(cached.status());
		response.getHeaders().putAll(cached.headers());
		if (notModified(exchange, cached.headers())) {
			return response.setComplete();
		}
		byte[] body = cached.body();
		if (cached.compressible()) {
			if (!response.getHeaders().getVary().contains(HttpHeaders.ACCEPT_ENCODING)) {
				response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
			}
			if (acceptsGzip(exchange.getRequest())) {
				byte[] gzipped = cached.gzipped();
				if (gzipped != null) {
					body = gzipped;
					response.getHeaders().set(HttpHeaders.CONTENT_ENCODING, "gzip");
					// Other bytes, same meaning: a strong validator becomes weak, as nginx does when it compresses.
					String etag = response.getHeaders().getETag();
					if (etag != null && !etag.startsWith("W/")) {
						response.getHeaders().setETag("W/" + etag);
					}
				}
				else {
					compressLater(cached);
				}
			}
		}
		response.getHeaders().setContentLength(body.length);
		if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
			return response.setComplete();
		}
		return response.writeWith(slices(response, body));
	}

	/**
	 * The body as views of the cached array, no copies. Large documents (a post sitemap is megabytes) go out
	 * in slices: Netty copies each heap buffer into a direct one to write it, and a whole-document copy per
	 * reader is an unpooled allocation that starves direct memory under load.
	 */
	private static Flux<DataBuffer> slices(ServerHttpResponse response, byte[] body) {
		if (body.length <= SLICE) {
			return Flux.just(body).map(bytes -> response.bufferFactory().wrap(bytes));
		}
		int count = (body.length + SLICE - 1) / SLICE;
		return Flux.range(0, count).map(i -> response.bufferFactory()
			.wrap(ByteBuffer.wrap(body, i * SLICE, Math.min(SLICE, body.length - i * SLICE))));
	}

	/** Once per entry: gzip on a worker thread, and from then on every reader that accepts gzip gets those bytes. */
	private void compressLater(CachedResponse cached) {
		if (compressing.add(cached)) {
			Mono.fromRunnable(cached::compress)
				.subscribeOn(Schedulers.boundedElastic())
				.doFinally(signal -> compressing.remove(cached))
				.subscribe(null, ex -> { });
		}
	}

	private static boolean acceptsGzip(ServerHttpRequest request) {
		for (String value : request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT_ENCODING)) {
			for (String coding : value.split(",")) {
				String[] parts = coding.strip().split(";");
				if (parts[0].strip().equalsIgnoreCase("gzip") && !(parts.length > 1 && parts[1].replace(" ", "").equals("q=0"))) {
					return true;
				}
			}
		}
		return false;
	}

	/** RFC 9110 evaluation, as WebFlux implements it for controllers (If-None-Match before If-Modified-Since). */
	private static boolean notModified(ServerWebExchange exchange, HttpHeaders headers) {
		String etag = headers.getETag();
		long lastModified = headers.getLastModified();
		if (etag != null && lastModified >= 0) {
			return exchange.checkNotModified(etag, Instant.ofEpochMilli(lastModified));
		}
		if (etag != null) {
			return exchange.checkNotModified(etag);
		}
		return lastModified >= 0 && exchange.checkNotModified(Instant.ofEpochMilli(lastModified));
	}

	/** Hits and misses since start (a miss is a request that went on to be rendered). */
	CacheStats stats() {
		return pages.stats();
	}

	@Override
	public void destroy() {
		invalidation.dispose();
	}

	/** Passes the body through untouched while keeping a copy, stored only if it is whole, small and still current. */
	private final class Recording extends ServerHttpResponseDecorator {

		private final String key;

		private final long versionAtStart;

		Recording(ServerHttpResponse delegate, String key, long versionAtStart) {
			super(delegate);
			this.key = key;
			this.versionAtStart = versionAtStart;
		}

		private final ByteArrayOutputStream copy = new ByteArrayOutputStream(8192);

		private boolean tooLarge;

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (!worthKeeping()) {
				return super.writeWith(body);
			}
			return super.writeWith(Flux.from(body).map(this::keep)).doOnSuccess(done -> store());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			if (!worthKeeping()) {
				return super.writeAndFlushWith(body);
			}
			// Streamed documents (feeds, sitemaps) keep their flushes; the copy grows chunk by chunk.
			return super.writeAndFlushWith(Flux.from(body).map(chunk -> Flux.from(chunk).map(this::keep)))
				.doOnSuccess(done -> store());
		}

		private DataBuffer keep(DataBuffer buffer) {
			if (!tooLarge) {
				int readable = buffer.readableByteCount();
				if (copy.size() + readable > properties.maxEntrySize().toBytes()) {
					tooLarge = true;
					copy.reset();
				}
				else {
					byte[] bytes = new byte[readable];
					buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), 0, readable);
					copy.writeBytes(bytes);
				}
			}
			return buffer;
		}

		private void store() {
			if (!tooLarge && version.current() == versionAtStart) {
				pages.put(key, new CachedResponse(getStatusCode(), replayed(getHeaders()), copy.toByteArray()));
			}
		}

		private boolean worthKeeping() {
			return HttpStatus.OK.equals(getStatusCode()) && !getHeaders().containsHeader(HttpHeaders.SET_COOKIE)
					&& !String.valueOf(getHeaders().getCacheControl()).contains("no-store")
					&& !String.valueOf(getHeaders().getCacheControl()).contains("private");
		}

		private static HttpHeaders replayed(HttpHeaders headers) {
			HttpHeaders kept = new HttpHeaders();
			for (String name : REPLAYED) {
				List<String> values = headers.get(name);
				if (values != null) {
					kept.put(name, List.copyOf(values));
				}
			}
			return kept;
		}
	}
}
