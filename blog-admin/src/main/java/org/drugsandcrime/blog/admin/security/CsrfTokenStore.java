package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where the CSRF token of a form lives. A signed-in session keeps its token on the server, as before. An anonymous
 * visitor (the sign-in form) gets it in an HttpOnly, SameSite=Lax cookie that the form must repeat (double submit),
 * so that opening the login page makes no server session: visitors cannot fill the session store, and a forged
 * sign-in still needs a token the forger's page cannot read or set.
 */
final class CsrfTokenStore implements ServerCsrfTokenRepository {

	static final String COOKIE = "BLOG_ADMIN_CSRF";

	private final WebSessionServerCsrfTokenRepository inSession = new WebSessionServerCsrfTokenRepository();

	private final CookieServerCsrfTokenRepository inCookie = new CookieServerCsrfTokenRepository();

	CsrfTokenStore() {
		inCookie.setCookieName(COOKIE);
		// The same names as the session's tokens, so forms and scripts never need to know which kind they have.
		inCookie.setHeaderName("X-CSRF-TOKEN");
		inCookie.setParameterName("_csrf");
		inCookie.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
	}

	@Override
	public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
		return inCookie.generateToken(exchange);
	}

	@Override
	public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
		return repository(exchange).flatMap(repository -> repository.saveToken(exchange, token));
	}

	@Override
	public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
		return repository(exchange).flatMap(repository -> repository.loadToken(exchange));
	}

	private Mono<ServerCsrfTokenRepository> repository(ServerWebExchange exchange) {
		return exchange.getSession()
			.map(session -> SignedInSessions.isSignedIn(session) ? (ServerCsrfTokenRepository) inSession : inCookie)
			.defaultIfEmpty(inCookie);
	}
}
