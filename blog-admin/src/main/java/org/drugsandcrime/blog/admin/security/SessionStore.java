package org.drugsandcrime.blog.admin.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Sessions in Redis when {@code BLOG_REDIS_URL} is set, so that several admin processes behind one address
 * share them (a sign-in on one is a sign-in on all). Without it, sessions stay in each process's memory and
 * no Redis client is created at all: the Redis auto-configuration is excluded in application.yaml.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${blog.admin.redis-url:}'.isBlank()")
@EnableRedisWebSession(redisNamespace = "blog-admin:session", maxInactiveIntervalInSeconds = 8 * 60 * 60)
class SessionStore {

	@Bean
	LettuceConnectionFactory redisConnectionFactory(Environment environment) {
		return new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(environment.getRequiredProperty("blog.admin.redis-url")));
	}

	/** The same cookie as the in-memory sessions use (server.reactive.session.cookie.*), now for Spring Session. */
	@Bean
	WebSessionIdResolver webSessionIdResolver(Environment environment) {
		CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
		resolver.setCookieName(environment.getProperty("server.reactive.session.cookie.name", "BLOG_ADMIN_SESSION"));
		String sameSite = environment.getProperty("server.reactive.session.cookie.same-site", "lax");
		resolver.addCookieInitializer(cookie -> cookie.httpOnly(true)
			.sameSite(sameSite.substring(0, 1).toUpperCase() + sameSite.substring(1).toLowerCase()));
		return resolver;
	}

}
