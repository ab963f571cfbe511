package org.drugsandcrime.blog.web.views;

import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts a view each time a reader is sent a post page: a GET of {@code /posts/{slug}} answered 200 (not a 304
 * revalidation, a redirect or a 404), from a client that does not call itself a robot. It sits outside the
 * rendered-page cache so that pages served from memory count exactly like rendered ones. It reads the path,
 * the method, the status and the User-Agent header, keeps nothing of them but the slug, and sets no cookie.
 */
final class PostViewCounter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(PostViewCounter.class);

	private static final String POSTS = "/posts/";

	/** Words in the User-Agent of crawlers, link previewers and scripts, lower case. */
	private static final List<String> NOT_READERS = List.of("bot", "crawl", "spider", "slurp", "facebookexternalhit",
			"embedly", "curl/", "wget/", "python", "java-http-client", "java/", "go-http-client", "okhttp", "libwww",
			"httpclient", "reactornetty", "headlesschrome", "lighthouse");

	private final ViewTally tally;

	PostViewCounter(ViewTally tally) {
		this.tally = tally;
	}

	@Override
	public int getOrder() {
		// Outside the page cache (HIGHEST_PRECEDENCE + 100), which answers hits without calling further filters.
		return Ordered.HIGHEST_PRECEDENCE + 50;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String slug = request.getMethod() == HttpMethod.GET ? postSlug(request.getPath().value()) : null;
		if (slug == null || !fromAReader(request.getHeaders())) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).doOnSuccess(done -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			if (status == null || status.value() == 200) {
				try {
					tally.viewed(slug);
				}
				catch (RuntimeException ex) {
					// The page has gone out whole; a counting fault must not turn it into a broken response.
					logger.warn("Could not count a view of " + slug, ex);
				}
			}
		});
	}

	/** The slug of a post page's path, or null for any other path (a post's comment feed, say). */
	static String postSlug(String path) {
		if (!path.startsWith(POSTS) || path.length() == POSTS.length() || path.indexOf('/', POSTS.length()) >= 0) {
			return null;
		}
		return path.substring(POSTS.length());
	}

	static boolean fromAReader(HttpHeaders headers) {
		String agent = headers.getFirst(HttpHeaders.USER_AGENT);
		if (agent == null || agent.isBlank()) {
			// Browsers always say who they are; clients that do not are scripts.
			return false;
		}
		String lower = agent.toLowerCase(Locale.ROOT);
		for (String word : NOT_READERS) {
			if (lower.contains(word)) {
				return false;
			}
		}
		return true;
	}
}
