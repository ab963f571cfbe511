package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives controller methods the signed-in {@link Staff}, or refuses the request when the account is gone or
 * disabled, or its password changed since this session signed in. Looked up once per request, however many
 * parts of the page ask.
 */
class StaffArgumentResolver implements HandlerMethodArgumentResolver {

	private static final String ATTRIBUTE = Staff.class.getName();

	private final StaffUserRepository users;

	StaffArgumentResolver(StaffUserRepository users) {
		this.users = users;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Staff.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return signedIn(exchange)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "This account cannot sign in.")))
			.cast(Object.class);
	}

	/** The enabled account behind this request, or empty for anonymous requests and disabled accounts. */
	@SuppressWarnings("unchecked")
	Mono<Staff> signedIn(ServerWebExchange exchange) {
		return (Mono<Staff>) exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.flatMap(authentication -> users.findByEmail(authentication.getName()))
			.filter(user -> user.enabled())
			.filterWhen(user -> exchange.getSession().flatMap(session -> PasswordStamp.matches(session, user)
					? Mono.just(true)
					// Signed in with a password that has since changed: this session ends here.
					: session.invalidate().thenReturn(false)))
			.map(Staff::of)
			.cache());
	}
}
