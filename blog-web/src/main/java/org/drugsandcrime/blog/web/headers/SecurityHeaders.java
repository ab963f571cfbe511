package org.drugsandcrime.blog.web.headers;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.render.VideoPlayers;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The security headers of every response of the public site, pages, feeds, sitemaps, files under
 * {@code /media/} and error pages alike, whether rendered now or replayed by the page cache.
 *
 * <p>They are written just before the response is committed rather than when the request arrives: the page
 * cache answers hits without calling further filters, and the error pages start from cleared headers, so only
 * the moment of commit sees every response in its final shape. A handler's stricter {@code Referrer-Policy}
 * (token pages send {@code no-referrer}) is kept.
 */
@Component
class SecurityHeaders implements WebFilter, Ordered {

	/**
	 * Pages use no script at all (the JSON-LD block is data, which CSP does not govern), only the site's own
	 * stylesheet, images from the site or any https address (cover images may live elsewhere), frames only
	 * from the video players, and forms that post only back to the site.
	 */
	static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' https:; frame-src "
			+ String.join(" ", VideoPlayers.origins())
			+ "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	/**
	 * An uploaded file opened on its own (an SVG, say) runs nothing and reaches nothing: the sandbox gives it an
	 * opaque origin without script, as the portal does for the same files.
	 */
	static final String FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

	/** No page of the site needs a device, a payment or an interest profile; a frame cannot ask for one either. */
	static final String PERMISSIONS_POLICY = "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), "
			+ "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), "
			+ "serial=(), usb=()";

	static final String REFERRER_POLICY = "strict-origin-when-cross-origin";

	/** A year, subdomains too: sent only on responses that came over https, as browsers ignore it otherwise. */
	static final String TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

	private static final String MEDIA = "/media/";

	@Override
	public int getOrder() {
		// Outermost, so that whatever answers further in (the page cache, a redirect, a filter's refusal) is covered.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> Mono.fromRunnable(() -> write(exchange.getRequest(), response)));
		return chain.filter(exchange);
	}

	private static void write(ServerHttpRequest request, ServerHttpResponse response) {
		HttpHeaders headers = response.getHeaders();
		headers.set("Content-Security-Policy", aFile(request, response.getStatusCode()) ? FILE_POLICY : PAGE_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		// For browsers that predate frame-ancestors.
		headers.set("X-Frame-Options", "DENY");
		headers.set("Permissions-Policy", PERMISSIONS_POLICY);
		if (!headers.containsHeader("Referrer-Policy")) {
			headers.set("Referrer-Policy", REFERRER_POLICY);
		}
		// The scheme is the client's: TrustedProxies has put a trusted proxy's X-Forwarded-Proto into the URI.
		if ("https".equalsIgnoreCase(request.getURI().getScheme())) {
			headers.set("Strict-Transport-Security", TRANSPORT_SECURITY);
		}
	}

	/**
	 * A file under /media/ as it is, or its 304 (no status set yet means 200); a missing one gets the site's
	 * ordinary 404 page, which needs the stylesheet.
	 */
	private static boolean aFile(ServerHttpRequest request, HttpStatusCode status) {
		return request.getPath().value().startsWith(MEDIA)
				&& (status == null || status.is2xxSuccessful() || status.value() == 304);
	}
}
