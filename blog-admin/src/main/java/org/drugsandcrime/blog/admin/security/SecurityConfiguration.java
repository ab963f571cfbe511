package org.drugsandcrime.blog.admin.security;

import java.net.URI;

import org.drugsandcrime.blog.core.user.PasswordHashing;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Form login against the users table (Argon2id hashes), CSRF tokens on every state-changing request,
 * throttled and optionally two-factor sign-in, and coarse role rules by path. The fine rules (whose post,
 * which action) are decided by {@link Staff} in the controllers, against the account as it is now.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https: http:; "
			+ "frame-src https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** No screen of the portal needs a device or payment; a script that got in cannot ask for one either. */
	static final String PERMISSIONS_POLICY = "accelerometer=(), bluetooth=(), camera=(), display-capture=(), "
			+ "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, StaffSignIn signIn, StaffUserRepository users,
			TwoFactorEnrolment enrolment, SessionSecurity sessionRules, SignedInSessions signedInSessions) {
		XorServerCsrfTokenRequestAttributeHandler csrfTokens = new XorServerCsrfTokenRequestAttributeHandler();
		// The media upload form is multipart; its token travels as a form part like any other form's.
		csrfTokens.setTokenFromMultipartDataEnabled(true);
		RedirectServerAuthenticationFailureHandler wrongPassword = new RedirectServerAuthenticationFailureHandler(
				LoginOutcome.FAILED.location("/login"));
		RedirectServerAuthenticationFailureHandler delayed = new RedirectServerAuthenticationFailureHandler(
				LoginOutcome.THROTTLED.location("/login"));
		RedirectServerAuthenticationSuccessHandler signedIn = new RedirectServerAuthenticationSuccessHandler("/");
		signedIn.setRequestCache(sessionRules.requestCache());
		RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
		signedOut.setLogoutSuccessUrl(URI.create(LoginOutcome.SIGNED_OUT.location("/login")));
		return sessionRules.applyTo(http)
			.authorizeExchange(exchanges -> exchanges.pathMatchers("/login", "/password/forgot", "/password/set", "/admin.css", "/admin.js", "/favicon.ico")
				.permitAll()
				.pathMatchers("/users/**", "/settings/**", "/navigation/**", "/wordpress", "/wordpress/**")
				.hasRole("ADMIN")
				.pathMatchers("/comments/**", "/subscribers/**", "/subscribers.csv", "/outbox", "/outbox/**", "/taxonomy/**", "/pages/**", "/audit")
				.hasAnyRole("ADMIN", "EDITOR")
				.anyExchange()
				.authenticated())
			.csrf(csrf -> csrf.csrfTokenRequestHandler(csrfTokens))
			.addFilterAfter(new AdminEnrolment(enrolment, users), SecurityWebFiltersOrder.AUTHORIZATION)
			// Password, throttle and second factor are all decided by StaffSignIn, for whatever form login takes for a sign-in.
			.formLogin(login -> login.loginPage("/login")
				.authenticationManager(signIn)
				.authenticationFailureHandler((exchange, exception) -> (exception instanceof StaffSignIn.SignInDelayedException
						? delayed : wrongPassword).onAuthenticationFailure(exchange, exception))
				.authenticationSuccessHandler((exchange, authentication) -> {
					return users.findByEmail(authentication.getName())
						.flatMap(user -> signedInSessions.begin(exchange.getExchange(), user))
						.then(signedIn.onAuthenticationSuccess(exchange, authentication));
				}))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signedOut))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicy(permissions -> permissions.policy(PERMISSIONS_POLICY)))
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordHashing.encoder();
	}

	@Bean
	StaffArgumentResolver staffArgumentResolver(StaffUserRepository users) {
		return new StaffArgumentResolver(users);
	}

	@Bean
	WebFluxConfigurer staffArguments(StaffArgumentResolver resolver) {
		return new WebFluxConfigurer() {
			@Override
			public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
				configurer.addCustomResolver(resolver);
			}
		};
	}
}
