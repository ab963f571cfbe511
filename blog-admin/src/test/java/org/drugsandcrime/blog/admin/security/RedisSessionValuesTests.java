package org.drugsandcrime.blog.admin.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a signed-in session puts in Redis (the real one on localhost:6379, as in blog-e2e's
 * SeveralAdminProcessesTests) is JSON, and reads back as the same sign-in, token and values. Java serialisation
 * would run whatever class a crafted value names.
 */
class RedisSessionValuesTests {

	static LettuceConnectionFactory redis;

	static RedisSerializer<Object> values = new SessionStore.InRedis().springSessionDefaultRedisSerializer();

	@BeforeAll
	static void connect() {
		redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", 6379));
		redis.afterPropertiesSet();
	}

	@AfterAll
	static void disconnect() {
		redis.destroy();
	}

	@Test
	void aSignedInSessionIsStoredAsJsonAndReadBackWhole() {
		ReactiveRedisTemplate<String, Object> template = new ReactiveRedisTemplate<>(redis,
				RedisSerializationContext.<String, Object>newSerializationContext(RedisSerializer.string())
					.hashKey(RedisSerializer.string())
					.hashValue(values)
					.build());
		ReactiveRedisSessionRepository repository = new ReactiveRedisSessionRepository(template);
		repository.setRedisKeyNamespace("blog-admin-test:session");
		repository.setDefaultMaxInactiveInterval(Duration.ofMinutes(30));
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ReactiveSessionRepository<Session> sessions = (ReactiveSessionRepository) repository;

		SecurityContext signedIn = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
				User.withUsername("editor@example.org").password("").authorities("ROLE_EDITOR").build(), null,
				AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
		CsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a-token");
		Session session = sessions.createSession().block();
		session.setAttribute("SPRING_SECURITY_CONTEXT", signedIn);
		session.setAttribute("org.drugsandcrime.csrf", token);
		session.setAttribute("signedInAt", "2026-12-03T16:00:00Z");
		sessions.save(session).block();

		Map<String, String> raw = redis.getConnection()
			.hashCommands()
			.hGetAll(("blog-admin-test:session:sessions:" + session.getId()).getBytes(StandardCharsets.UTF_8))
			.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap(entry -> new String(entry.getKey(), StandardCharsets.UTF_8),
					entry -> new String(entry.getValue(), StandardCharsets.UTF_8)));
		assertThat(raw).containsKeys("sessionAttr:SPRING_SECURITY_CONTEXT", "creationTime", "maxInactiveInterval");
		assertThat(raw.get("sessionAttr:SPRING_SECURITY_CONTEXT")).startsWith("{").contains("editor@example.org");
		assertThat(raw.values()).allSatisfy(value -> assertThat(value.charAt(0)).isNotEqualTo((char) 0xAC));
		assertThat(redis.getConnection().keyCommands()
			.ttl(("blog-admin-test:session:sessions:" + session.getId()).getBytes(StandardCharsets.UTF_8)))
			.isBetween(1L, 30 * 60L);

		Session read = sessions.findById(session.getId()).block();
		SecurityContext readBack = read.getAttribute("SPRING_SECURITY_CONTEXT");
		assertThat(readBack.getAuthentication().getName()).isEqualTo("editor@example.org");
		assertThat(readBack.getAuthentication().isAuthenticated()).isTrue();
		assertThat(readBack.getAuthentication().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_EDITOR");
		assertThat(((CsrfToken) read.getAttribute("org.drugsandcrime.csrf")).getToken()).isEqualTo("a-token");
		assertThat((String) read.getAttribute("signedInAt")).isEqualTo("2026-12-03T16:00:00Z");
		assertThat(read.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
		sessions.deleteById(session.getId()).block();
	}

	@Test
	void aValueNamingAClassOutsideTheAllowedOnesIsRefused() {
		byte[] crafted = "[\"java.net.URL\",\"http://example.org/\"]".getBytes(StandardCharsets.UTF_8);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> values.deserialize(crafted))
			.isInstanceOf(org.springframework.data.redis.serializer.SerializationException.class);
	}
}
