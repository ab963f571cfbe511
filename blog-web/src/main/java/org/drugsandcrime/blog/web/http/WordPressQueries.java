package org.drugsandcrime.blog.web.http;

import java.net.URI;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.redirect.OldPaths;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WordPress's query addresses of the home page ({@code /?p=123}, {@code /?page_id=9}, {@code /?cat=3},
 * {@code /?feed=rss2} ...): the home page answers {@code /} whatever the query, so these never reach the 404
 * page's lookup. When the query holds one of WordPress's keys and an imported address matches, the reader gets
 * one 301; otherwise the home page answers as it always has. A plain {@code /} (or any other query) is looked at
 * no further than its query string: no database round trip for ordinary pages. It sits outside the page cache,
 * so that a home page cached under {@code /?p=123} before an import can never hide the post's redirect.
 */
@Component
class WordPressQueries implements WebFilter, Ordered {

	private final Redirects redirects;

	WordPressQueries(Redirects redirects) {
		this.redirects = redirects;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 90;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String query = request.getURI().getRawQuery();
		if (query == null || !"/".equals(request.getURI().getRawPath())
				|| (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD)
				|| OldPaths.query(query).isEmpty()) {
			return chain.filter(exchange);
		}
		return redirects.target("/", query)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorReturn(Optional.empty())
			.flatMap(target -> target.isEmpty() ? chain.filter(exchange) : moved(exchange, target.get()));
	}

	private static Mono<Void> moved(ServerWebExchange exchange, String location) {
		exchange.getResponse().setStatusCode(HttpStatus.MOVED_PERMANENTLY);
		exchange.getResponse().getHeaders().setLocation(URI.create(location));
		return exchange.getResponse().setComplete();
	}
}
