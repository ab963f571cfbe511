package org.drugsandcrime.blog.web.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every rendered HTML page a strong ETag (a hash of its bytes, the same in every process, so any
 * blog-web behind a balancer revalidates the others' copies) and answers a matching conditional request with
 * 304. It runs inside the page cache, so the cache keeps and replays these headers. Pages that must not be
 * stored (token links) are left alone.
 */
@Component
class PageValidators implements WebFilter, Ordered {

	static final String PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate";

	@Override
	public int getOrder() {
		// Inside RenderedPageCache (HIGHEST_PRECEDENCE + 100), outside everything that renders.
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.GET) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().response(new Hashing(exchange)).build());
	}

	private static final class Hashing extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		Hashing(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (!isPage()) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(body).flatMap(joined -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				HttpHeaders headers = getHeaders();
				String etag = "\"" + sha256(bytes) + "\"";
				if (headers.getCacheControl() == null) {
					headers.setCacheControl(PAGE_CACHE_CONTROL);
				}
				long lastModified = headers.getLastModified();
				if (lastModified < 0) {
					// Rendered now from current data (the page cache is emptied on every change), so no earlier
					// copy can be newer than this moment: a safe, if cautious, date for If-Modified-Since.
					lastModified = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
					headers.setLastModified(lastModified);
				}
				boolean notModified = exchange.checkNotModified(etag, Instant.ofEpochMilli(lastModified));
				headers.setETag(etag);
				if (notModified) {
					return getDelegate().setComplete();
				}
				headers.setContentLength(bytes.length);
				return getDelegate().writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(bytes)));
			});
		}

		private boolean isPage() {
			MediaType type = getHeaders().getContentType();
			String cacheControl = String.valueOf(getHeaders().getCacheControl());
			return HttpStatus.OK.equals(getStatusCode()) && type != null && type.isCompatibleWith(MediaType.TEXT_HTML)
					&& !cacheControl.contains("no-store") && !cacheControl.contains("private");
		}

		private static String sha256(byte[] bytes) {
			try {
				return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every JVM has SHA-256", ex);
			}
		}
	}
}
