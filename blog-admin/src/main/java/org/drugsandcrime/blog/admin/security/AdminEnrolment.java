package org.drugsandcrime.blog.admin.security;

import java.net.URI;
import java.security.Principal;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Admins must use two-factor sign-in ({@code blog.admin.two-factor.required-for-admins}): an admin who has not
 * turned it on yet signs in with the password (the first time, or after it was reset), and from then on every
 * request but the enrolment screen, its form and signing out is sent to {@code /account} until they turn it on. The
 * open addresses are matched exactly as sent, so another spelling of one is sent to enrol like any other page. Part of
 * the security chain, after authorization; asks the database for the account as it is now, like {@link Staff}.
 */
class AdminEnrolment implements WebFilter {

	/** Choosing a password someone else set comes first ({@link FirstPasswordGate}), so its page is open here. */
	private static final Set<String> OPEN = Set.of("/account", "/account/two-factor", "/logout", "/login", "/admin.css",
			"/admin.js", "/favicon.ico", FirstPasswordGate.PAGE);

	private final TwoFactorEnrolment enrolment;

	private final StaffUserRepository users;

	AdminEnrolment(TwoFactorEnrolment enrolment, StaffUserRepository users) {
		this.enrolment = enrolment;
		this.users = users;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!enrolment.requiredForAdmins() || OPEN.contains(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(Principal::getName)
			.flatMap(users::findByEmail)
			.map(enrolment::mustEnrol)
			.defaultIfEmpty(false)
			.flatMap(must -> must ? toEnrolment(exchange) : chain.filter(exchange));
	}

	private static Mono<Void> toEnrolment(ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(AccountOutcome.TWO_FACTOR_REQUIRED.location("/account")));
		return exchange.getResponse().setComplete();
	}
}
