package org.drugsandcrime.blog.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.drugsandcrime.blog.test.TestDatabase;
import org.drugsandcrime.blog.test.WordPressSample;

/**
 * An empty database of its own on the test database's server, for a test whose counts must not depend on which
 * other test imported the sample first: its {@code BLOG_DB_*} settings, for the processes and the command line.
 */
record WordPressDatabase(String jdbcUrl, String user, String password) {

	static final Path SAMPLE = WordPressSample.file();

	static WordPressDatabase fresh(String purpose) {
		TestDatabase server = TestDatabase.get();
		String name = "e2e_" + purpose + "_" + Long.toString(System.nanoTime(), 36);
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + ": " + ex.getMessage(), ex);
		}
		String url = server.jdbcUrl();
		int path = url.indexOf('/', url.indexOf("//") + 2);
		int query = url.indexOf('?', path);
		String renamed = url.substring(0, path + 1) + name + (query < 0 ? "" : url.substring(query));
		return new WordPressDatabase(renamed, server.user(), server.password());
	}

	Map<String, String> settings() {
		return Map.of("BLOG_DB_URL", jdbcUrl, "BLOG_DB_USER", user, "BLOG_DB_PASSWORD", password);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl, user, password);
	}
}
