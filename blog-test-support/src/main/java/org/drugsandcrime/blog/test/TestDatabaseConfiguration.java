package org.drugsandcrime.blog.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Wires a test's application context to {@link TestDatabase}: the container through Spring Boot's
 * {@code @ServiceConnection} (JDBC for Flyway, R2DBC for the app); any other database is set as properties by
 * {@link TestDatabaseProperties}.
 * Import it in every {@code @SpringBootTest}, or use {@link BlogTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	/** The JVM's one container; not stopped with a context, because later contexts reuse it. */
	@Bean(destroyMethod = "")
	@ServiceConnection
	@Conditional(ContainerDatabase.class)
	PostgreSQLContainer postgres() {
		return TestDatabase.get().container();
	}

	static class ContainerDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestDatabase.get().container() != null;
		}
	}
}
