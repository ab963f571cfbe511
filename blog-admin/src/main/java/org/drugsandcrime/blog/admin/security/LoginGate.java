package org.drugsandcrime.blog.admin.security;

import java.net.InetSocketAddress;
import java.net.URI;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Stands before the password check of {@code POST /login}: refuses attempts while the account or the
 * client address is throttled, and checks the one-time code of accounts that have two-factor sign-in. A
 * wrong code counts as a failed sign-in and gets the same answer as a wrong password, so the page never
 * tells which of the three was wrong. Part of the security chain only (not a bean, so not a global filter).
 */
class LoginGate implements WebFilter {

	private final LoginThrottle throttle;

	private final StaffUserRepository users;

	private final SecondFactor secondFactor;

	LoginGate(LoginThrottle throttle, StaffUserRepository users, SecondFactor secondFactor) {
		this.throttle = throttle;
		this.users = users;
		this.secondFactor = secondFactor;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.POST || !"/login".equals(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		return exchange.getFormData().flatMap(form -> {
			String account = form.getFirst("username");
			if (throttle.isThrottled(account, address(exchange))) {
				return redirect(exchange, LoginOutcome.THROTTLED.location("/login"));
			}
			return secondFactorHolds(account, form).flatMap(holds -> holds ? chain.filter(exchange)
					: failed(exchange, throttle).then(redirect(exchange, LoginOutcome.FAILED.location("/login"))));
		});
	}

	private Mono<Boolean> secondFactorHolds(String account, MultiValueMap<String, String> form) {
		if (account == null || account.isBlank()) {
			return Mono.just(true);
		}
		return users.findByEmail(account.strip())
			.flatMap(user -> secondFactor.check(user, form.getFirst("code")).map(SecondFactor.Verdict::signsIn))
			.defaultIfEmpty(true);
	}

	static Mono<Void> failed(ServerWebExchange exchange, LoginThrottle throttle) {
		return exchange.getFormData().doOnNext(form -> throttle.failed(form.getFirst("username"), address(exchange))).then();
	}

	static String address(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}

	private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(location));
		return exchange.getResponse().setComplete();
	}
}
