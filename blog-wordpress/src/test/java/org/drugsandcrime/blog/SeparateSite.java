package org.drugsandcrime.blog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.drugsandcrime.blog.test.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A blog of its own: a new, empty database on the test JVM's PostgreSQL server, migrated, with blog-wordpress's
 * application context over it. The JVM's shared test database holds whatever other test classes left; a test that
 * compares two whole sites (an import, its export, and the export imported again) needs sites nobody else writes to.
 * Closing it stops the context and drops the database.
 */
public final class SeparateSite implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String name;

	private SeparateSite(ConfigurableApplicationContext context, String name) {
		this.context = context;
		this.name = name;
	}

	/** @param purpose a word for the database's name ({@code blog_site_first_...}), to tell them apart when debugging */
	public static SeparateSite start(String purpose) {
		TestDatabase server = TestDatabase.get();
		String name = "blog_site_" + purpose + "_" + ProcessHandle.current().pid() + "_"
				+ Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
		execute(server, "CREATE DATABASE " + name);
		String jdbc = server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
		Map<String, Object> database = Map.of("spring.r2dbc.url", jdbc.replaceFirst("^jdbc:", "r2dbc:"),
				"spring.r2dbc.username", server.user(), "spring.r2dbc.password", server.password(), "spring.flyway.url", jdbc,
				"spring.flyway.user", server.user(), "spring.flyway.password", server.password());
		try {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(WordPressTestApplication.class)
				.web(WebApplicationType.NONE)
				.properties("blog.demo.content=false", "blog.mail.sender.enabled=false", "spring.main.banner-mode=off")
				// After the test database's own environment post-processor, so this site's database wins.
				.initializers(starting -> starting.getEnvironment().getPropertySources()
					.addFirst(new MapPropertySource("separateSite", database)))
				.run();
			return new SeparateSite(context, name);
		}
		catch (RuntimeException ex) {
			execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			throw ex;
		}
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
		execute(TestDatabase.get(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	private static void execute(TestDatabase server, String sql) {
		Properties login = new Properties();
		login.setProperty("user", server.user());
		login.setProperty("password", server.password());
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), login);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not " + sql + ": " + ex.getMessage(), ex);
		}
	}
}
