package org.drugsandcrime.blog.admin.security;

import java.time.Clock;

import reactor.core.publisher.Mono;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Where sessions live, with the idle timeout of {@link SessionProperties} either way: in Redis when
 * {@code BLOG_REDIS_URL} is set, so that several admin processes behind one address share them (a sign-in on one
 * is a sign-in on all), else in this process's memory, where no Redis client is created at all (the Redis
 * auto-configuration is excluded in application.yaml).
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	/** Memory: Spring's store, forgetting sessions idle for the set time as read on the application's clock. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("'${blog.admin.redis-url:}'.isBlank()")
	static class InMemory {

		@Bean
		WebSessionManager webSessionManager(ObjectProvider<WebSessionIdResolver> cookies, Clock clock,
				SessionProperties settings) {
			InMemoryWebSessionStore store = new InMemoryWebSessionStore() {
				@Override
				public Mono<WebSession> createWebSession() {
					return super.createWebSession().doOnNext(session -> session.setMaxIdleTime(settings.idleTimeout()));
				}
			};
			store.setClock(clock);
			DefaultWebSessionManager manager = new DefaultWebSessionManager();
			manager.setSessionStore(store);
			cookies.ifAvailable(manager::setSessionIdResolver);
			return manager;
		}
	}

	/**
	 * Redis (Spring Session): each session a hash whose values are JSON, written with Spring Security's Jackson
	 * modules and read back only into the types they allow, never Java serialisation (which would run whatever
	 * class a crafted value names, and breaks when a class changes between versions).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("!'${blog.admin.redis-url:}'.isBlank()")
	@EnableRedisWebSession(redisNamespace = "blog-admin:session")
	static class InRedis {

		@Bean
		LettuceConnectionFactory redisConnectionFactory(Environment environment) {
			return new LettuceConnectionFactory(
					LettuceConnectionFactory.createRedisConfiguration(environment.getRequiredProperty("blog.admin.redis-url")));
		}

		/** Spring Session finds its serialiser by this bean name. */
		@Bean
		RedisSerializer<Object> springSessionDefaultRedisSerializer() {
			// The signed-in form's CSRF token is the server (WebFlux) kind, which the modules' own list leaves out.
			BasicPolymorphicTypeValidator.Builder allowed = BasicPolymorphicTypeValidator.builder()
				.allowIfSubType(DefaultCsrfToken.class);
			JsonMapper json = JsonMapper.builder()
				.addModules(SecurityJacksonModules.getModules(SessionStore.class.getClassLoader(), allowed))
				.build();
			return new JacksonJsonRedisSerializer<>(json, Object.class);
		}

		@Bean
		ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> sessionIdleTimeout(SessionProperties settings) {
			return repository -> repository.setDefaultMaxInactiveInterval(settings.idleTimeout());
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
}
