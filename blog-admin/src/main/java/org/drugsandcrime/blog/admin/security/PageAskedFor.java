package org.drugsandcrime.blog.admin.security;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

/**
 * The page a signed-out member of staff asked for, kept in a cookie (not a session) so that sign-in can lead back
 * to it. Spring's cookie cache forgets it on every request, so the login page the visitor is sent to would clear it
 * before the sign-in reads it; here it is forgotten only when that page itself is reached.
 */
final class PageAskedFor implements ServerRequestCache {

	private final CookieServerRequestCache cookie = new CookieServerRequestCache();

	PageAskedFor() {
		// Pages only: an image or a script asked for while signed out is no place to land after signing in.
		cookie.setSaveRequestMatcher(exchange -> exchange.getRequest().getMethod() == HttpMethod.GET
				&& exchange.getRequest().getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype)
						? MatchResult.match() : MatchResult.notMatch());
	}

	@Override
	public Mono<Void> saveRequest(ServerWebExchange exchange) {
		return cookie.saveRequest(exchange);
	}

	@Override
	public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
		return cookie.getRedirectUri(exchange);
	}

	@Override
	public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
		return cookie.getRedirectUri(exchange)
			.filter(saved -> saved.toString().equals(pathAndQuery(exchange.getRequest())))
			.flatMap(saved -> cookie.removeMatchingRequest(exchange));
	}

	private static String pathAndQuery(ServerHttpRequest request) {
		String query = request.getURI().getRawQuery();
		return request.getPath().value() + (query == null ? "" : "?" + query);
	}
}
