package org.drugsandcrime.blog.admin.security;

import java.net.URI;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.ForcedPasswordChange;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Sends a member of staff whose password someone else chose ({@link ForcedPasswordChange}) to {@code /password/choose}
 * from every portal page, until they have chosen their own; signing out, the stylesheet and script still work. Runs
 * after the security chain (which hands it the signed-in account); once the account is seen not to need it, the
 * session remembers, so the column is read once per session.
 */
@Component
@Order(0)
class FirstPasswordGate implements WebFilter {

	static final String PAGE = "/password/choose";

	/** The session knows its account has a password of its own: no need to ask the database again. */
	static final String CHOSEN = FirstPasswordGate.class.getName() + ".chosen";

	/** Compared with the path as sent: another spelling of one of these is sent to the page too, never let through. */
	private static final Set<String> OPEN = Set.of(PAGE, "/logout", "/login", "/password/forgot", "/password/set",
			"/admin.css", "/admin.js", "/favicon.ico", "/error");

	private final ForcedPasswordChange forced;

	FirstPasswordGate(ForcedPasswordChange forced) {
		this.forced = forced;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (OPEN.contains(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(authentication -> authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken))
			.flatMap(authentication -> exchange.getSession().flatMap(session -> mustChoose(session, authentication)))
			.defaultIfEmpty(false)
			.flatMap(must -> must ? sendToPage(exchange) : chain.filter(exchange));
	}

	private Mono<Boolean> mustChoose(WebSession session, Authentication authentication) {
		if (session.getAttribute(CHOSEN) != null) {
			return Mono.just(false);
		}
		return forced.isDue(authentication.getName()).doOnNext(due -> {
			if (!due) {
				session.getAttributes().put(CHOSEN, Boolean.TRUE);
			}
		});
	}

	private static Mono<Void> sendToPage(ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(PAGE));
		return exchange.getResponse().setComplete();
	}
}
