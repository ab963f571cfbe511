package org.drugsandcrime.blog.admin.security;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * The session rules of the security chain, in one place:
 * <ul>
 * <li>anonymous requests make no server session: the CSRF token of the sign-in form travels in a cookie
 * ({@link CsrfTokenStore}) and the page asked for before signing in is remembered in a cookie too ({@link PageAskedFor}), so
 * thousands of cookie-less visits cannot fill the session store;</li>
 * <li>every signed-in request checks its session against {@link SignedInSessions} (absolute lifetime, and not
 * signed out from elsewhere), and an ended one goes to the login page;</li>
 * <li>signing out ends the server session and its row, not only the sign-in inside it.</li>
 * </ul>
 * Session fixation stays Spring Security's: the session gets a new id at sign-in.
 */
@Component
class SessionSecurity {

	private final SignedInSessions sessions;

	private final PageAskedFor requestCache = new PageAskedFor();

	SessionSecurity(SignedInSessions sessions) {
		this.sessions = sessions;
	}

	ServerHttpSecurity applyTo(ServerHttpSecurity http) {
		return http.csrf(csrf -> csrf.csrfTokenRepository(new CsrfTokenStore()))
			.requestCache(cache -> cache.requestCache(requestCache))
			.addFilterAfter(this::check, SecurityWebFiltersOrder.AUTHENTICATION)
			.logout(logout -> logout.logoutHandler(handlers -> {
				// The row first, while the session still holds the key it is filed under; the session itself last.
				handlers.add(0, (exchange, authentication) -> exchange.getExchange().getSession().flatMap(sessions::forget));
				handlers.add(new WebSessionServerLogoutHandler());
			}));
	}

	/** Where sign-in sends someone back to: the page they asked for before signing in. */
	ServerRequestCache requestCache() {
		return requestCache;
	}

	private Mono<Void> check(ServerWebExchange exchange, WebFilterChain chain) {
		return exchange.getSession()
			.flatMap(session -> SignedInSessions.isSignedIn(session) ? sessions.holds(session) : Mono.just(true))
			.defaultIfEmpty(true)
			.flatMap(holds -> holds ? chain.filter(exchange) : ended(exchange));
	}

	private static Mono<Void> ended(ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(LoginOutcome.SESSION_ENDED.location("/login")));
		return exchange.getResponse().setComplete();
	}
}
