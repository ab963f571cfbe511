package org.drugsandcrime.blog.core.database;

import java.io.File;
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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database of a packaged app: {@code BLOG_DB_URL}, and nothing else unless asked. A deployed app that was
 * told no database must not quietly make one (an embedded PostgreSQL in the home directory, or whatever answers on
 * localhost:5432), so without {@code BLOG_DB_URL} it stops with one message naming the ways out. A developer asks for
 * a database of their own with a word instead of a URL: {@code local} (a PostgreSQL on localhost:5432, database
 * {@code blog} created if missing; else the embedded PostgreSQL) or {@code embedded} (only that). {@code ./run} says
 * {@code local}. Tests never come here: they bring their own database.
 * <p>
 * Runs when the environment is ready, before any bean exists, and writes the R2DBC and Flyway settings from one
 * {@link PostgresAddress} (Flyway needs its own URL beside R2DBC, or it silently does not run), so both drivers get
 * the same TLS mode ({@code BLOG_DB_SSL_MODE}).
 */
public final class DatabaseLocation implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The words {@code BLOG_DB_URL} takes besides a URL. */
	static final String LOCAL = "local";

	static final String EMBEDDED = "embedded";

	static final String WAYS_OUT = """
			Ways out:
			  1. Point BLOG_DB_URL (and BLOG_DB_USER / BLOG_DB_PASSWORD) at a PostgreSQL 14+ database you can reach,
			     for example BLOG_DB_URL=postgresql://db.internal:5432/blog; BLOG_DB_SSL_MODE=verify-full across a network.
			  2. On a developer's machine, BLOG_DB_URL=local (what ./run sets): a PostgreSQL on localhost:5432 that lets
			     user 'postgres' in (the blog creates database 'blog'), else an embedded PostgreSQL with its data in
			     BLOG_EMBEDDED_DB_DIR (~/.blog/postgres). BLOG_DB_URL=embedded: the embedded PostgreSQL only.
			     It needs a non-root user, or a machine where user namespaces are allowed, and write access to its directory.""";

	static final String NOT_SET = "BLOG_DB_URL is not set, and the blog does not guess a database. Set it to the PostgreSQL "
			+ "to use (BLOG_DB_URL=postgresql://host:5432/blog), or ask for a developer's database with BLOG_DB_URL=local "
			+ "(localhost:5432, else an embedded PostgreSQL in ~/.blog/postgres) or BLOG_DB_URL=embedded.";

	private static final Log logger = LogFactory.getLog(DatabaseLocation.class);

	private static final int LOCAL_PORT = 5432;

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
		environment.getPropertySources().addFirst(new MapPropertySource("blogDatabase", settings(chosen.address())));
		logger.info("Database: " + chosen.address().describe() + " (" + chosen.how() + ")");
	}

	/** What R2DBC and Flyway are told: one address, each driver in its own spelling. */
	static Map<String, Object> settings(PostgresAddress address) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.r2dbc.url", address.r2dbcUrl());
		settings.put("spring.r2dbc.username", address.user());
		settings.put("spring.r2dbc.password", address.password());
		settings.put("spring.flyway.url", address.jdbcUrl());
		settings.put("spring.flyway.user", address.user());
		settings.put("spring.flyway.password", address.password());
		return settings;
	}

	/** The TLS settings, checked: a mode that is not one fails the start naming the variable. */
	static PostgresAddress.Tls tls(Environment environment) {
		try {
			return PostgresAddress.Tls.of(environment.getProperty("blog.db.ssl-mode", ""),
					environment.getProperty("blog.db.ssl-root-cert", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new DatabaseUnavailableException("BLOG_DB_SSL_MODE is not usable: " + ex.getMessage());
		}
	}

	private Chosen choose(ConfigurableEnvironment environment) {
		String url = environment.getProperty("blog.db.url", "").strip();
		String user = environment.getProperty("blog.db.user", "");
		String password = environment.getProperty("blog.db.password", "");
		PostgresAddress.Tls tls = tls(environment);
		if (url.isEmpty()) {
			throw new DatabaseUnavailableException(NOT_SET);
		}
		if (!url.equals(LOCAL) && !url.equals(EMBEDDED)) {
			PostgresAddress configured;
			try {
				configured = PostgresAddress.parse(url, user, password, tls);
			}
			catch (IllegalArgumentException ex) {
				throw new DatabaseUnavailableException("BLOG_DB_URL is not usable: " + ex.getMessage()
						+ " (or the word 'local' or 'embedded' for a developer's database)");
			}
			String problem = tryConnect(configured);
			if (problem != null) {
				throw new DatabaseUnavailableException(
						"The configured database " + configured.describe() + " did not answer: " + problem + tlsHint(problem));
			}
			return new Chosen(configured, "from BLOG_DB_URL");
		}
		List<String> tried = new ArrayList<>();
		if (url.equals(LOCAL)) {
			int localPort = environment.getProperty("blog.db.local-port", Integer.class, LOCAL_PORT);
			PostgresAddress local = new PostgresAddress("localhost", localPort, "blog", user.isBlank() ? "postgres" : user,
					password, "", tls);
			String localProblem = ensureDatabase(local);
			if (localProblem == null) {
				return new Chosen(local, "BLOG_DB_URL=local: PostgreSQL on localhost:" + localPort);
			}
			tried.add("PostgreSQL on localhost:" + localPort + ": " + localProblem);
		}
		int embeddedPort = environment.getProperty("blog.db.embedded-port", Integer.class, 54329);
		String directory = environment.getProperty("blog.db.embedded-dir",
				System.getProperty("user.home") + File.separator + ".blog" + File.separator + "postgres");
		EmbeddedDatabase embedded = new EmbeddedDatabase(Path.of(directory), embeddedPort);
		try {
			if (embedded.joinRunning() == null) {
				return new Chosen(embedded.address(), "BLOG_DB_URL=" + url + ": embedded PostgreSQL started by another blog process");
			}
			String embeddedProblem = embedded.start();
			if (embeddedProblem == null) {
				return new Chosen(embedded.address(), "BLOG_DB_URL=" + url + ": embedded PostgreSQL, data in " + directory);
			}
			tried.add("embedded PostgreSQL in " + directory + ": " + embeddedProblem);
		}
		catch (java.io.IOException ex) {
			tried.add("embedded PostgreSQL in " + directory + ": " + EmbeddedDatabase.rootCauseMessage(ex));
		}
		throw new DatabaseUnavailableException("BLOG_DB_URL=" + url + " asked for a developer's database, and none could serve.\n  - "
				+ String.join("\n  - ", tried));
	}

	private static String tlsHint(String problem) {
		String lower = problem.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("ssl") || lower.contains("tls") || lower.contains("certificate")
				? " (TLS is set by BLOG_DB_SSL_MODE and BLOG_DB_SSL_ROOT_CERT)" : "";
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

	/** Whether the address lets the blog in, over JDBC with the address's TLS mode: null when it does, else why not. */
	static String tryConnect(PostgresAddress address) {
		try (Connection connection = connect(address)) {
			return connection.isValid(3) ? null : "the connection was not valid";
		}
		catch (SQLException ex) {
			return EmbeddedDatabase.rootCauseMessage(ex);
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

	private record Chosen(PostgresAddress address, String how) {
	}
}
