package org.drugsandcrime.blog.core.database;

import java.time.Duration;
import java.util.Map;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.test.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code BLOG_DB_SSL_MODE} reaches both drivers: the tests' PostgreSQL has no TLS, so {@code require} must fail over
 * JDBC (Flyway) and over R2DBC (the application) alike, and {@code disable} and {@code prefer} must connect over both.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseTlsTests {

	private final TestDatabase database = TestDatabase.get();

	@Test
	void requireRefusesAServerWithoutTlsOverJdbcAndOverR2dbc() {
		PostgresAddress address = address("require");
		assertThat(DatabaseLocation.tryConnect(address)).containsIgnoringCase("SSL");
		assertThatThrownBy(() -> r2dbcAnswer(address)).hasMessageContainingAll("SSL");
	}

	@Test
	void disableAndPreferConnectOverJdbcAndOverR2dbc() {
		for (String mode : new String[] { "disable", "prefer" }) {
			PostgresAddress address = address(mode);
			assertThat(DatabaseLocation.tryConnect(address)).as(mode).isNull();
			assertThat(r2dbcAnswer(address)).as(mode).isEqualTo(1);
		}
	}

	@Test
	void theSettingsAreWhatFlywayAndR2dbcAreGiven() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("blog.db.ssl-mode", "verify-full", "blog.db.ssl-root-cert",
					"/etc/blog/db-ca.pem")));
		Map<String, Object> settings = DatabaseLocation.settings(
				PostgresAddress.parse("postgresql://db.internal/blog", "blog", "pw", DatabaseLocation.tls(environment)));
		assertThat(settings.get("spring.flyway.url").toString()).contains("sslmode=verify-full&sslrootcert=%2Fetc%2Fblog%2Fdb-ca.pem");
		assertThat(settings.get("spring.r2dbc.url").toString()).contains("sslMode=verify-full&sslRootCert=%2Fetc%2Fblog%2Fdb-ca.pem");
	}

	@Test
	void anAppToldToRequireTlsOfAServerWithoutItStopsSayingSo(CapturedOutput output) {
		SpringApplication application = new SpringApplication(NoBeans.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		DatabaseLocation.applyTo(application);
		assertThatThrownBy(() -> application.run("--blog.db.url=" + database.jdbcUrl(), "--blog.db.user=" + database.user(),
				"--blog.db.password=" + database.password(), "--blog.db.ssl-mode=require"))
			.isInstanceOf(DatabaseUnavailableException.class);
		assertThat(output).contains("APPLICATION FAILED TO START").contains("(TLS: require) did not answer")
			.contains("BLOG_DB_SSL_MODE");
	}

	private PostgresAddress address(String mode) {
		return PostgresAddress.parse(database.jdbcUrl(), database.user(), database.password(), PostgresAddress.Tls.of(mode, null));
	}

	/** Connects with R2DBC's own URL of the address and answers SELECT 1. */
	private static Integer r2dbcAnswer(PostgresAddress address) {
		ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(address.r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, address.user())
			.option(ConnectionFactoryOptions.PASSWORD, address.password())
			.build();
		return Mono.usingWhen(Mono.from(ConnectionFactories.get(options).create()),
				(Connection connection) -> Mono.from(connection.createStatement("SELECT 1 AS one").execute())
					.flatMap(result -> Mono.from(result.map((row, meta) -> row.get("one", Integer.class)))),
				Connection::close)
			.block(Duration.ofSeconds(20));
	}

	@SpringBootApplication(scanBasePackages = "none")
	static class NoBeans {
	}
}
