package org.drugsandcrime.blog.test;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring application started in a test JVM at {@link TestDatabase} when it is not a container
 * (a container is wired by {@code @ServiceConnection} in {@link TestDatabaseConfiguration}). Properties set
 * this early are there before any connection factory or Flyway bean is created, which a
 * {@code DynamicPropertyRegistrar} bean does not guarantee.
 */
class TestDatabaseProperties implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TestDatabase database = TestDatabase.get();
		if (database.container() != null) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("blogTestDatabase",
					Map.of("spring.r2dbc.url", database.r2dbcUrl(), "spring.r2dbc.username", database.user(),
							"spring.r2dbc.password", database.password(), "spring.flyway.url", database.jdbcUrl(),
							"spring.flyway.user", database.user(), "spring.flyway.password", database.password())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
