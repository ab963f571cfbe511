package org.drugsandcrime.blog.core.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database is, parsed from any of the URL forms operators paste:
 * {@code postgresql://user:pw@host:5432/blog}, {@code postgres://…}, {@code jdbc:postgresql://…} or
 * {@code r2dbc:postgresql://…}; credentials in the URL lose to the explicit ones.
 */
public record PostgresAddress(String host, int port, String database, String user, String password, String query) {

	public static PostgresAddress parse(String url, String user, String password) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("no database URL given");
		}
		String rest = url.strip();
		for (String prefix : new String[] { "jdbc:", "r2dbc:" }) {
			if (rest.startsWith(prefix)) {
				rest = rest.substring(prefix.length());
			}
		}
		if (rest.startsWith("postgres://")) {
			rest = "postgresql://" + rest.substring("postgres://".length());
		}
		if (!rest.startsWith("postgresql://")) {
			throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL URL (expected postgresql://host:port/database)");
		}
		URI uri;
		try {
			uri = new URI(rest);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + ex.getReason());
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("'" + url + "' names no host");
		}
		String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "blog" : uri.getPath().substring(1);
		String urlUser = null;
		String urlPassword = null;
		if (uri.getRawUserInfo() != null) {
			String[] parts = uri.getRawUserInfo().split(":", 2);
			urlUser = decode(parts[0]);
			urlPassword = parts.length > 1 ? decode(parts[1]) : null;
		}
		return new PostgresAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database,
				firstNonBlank(user, urlUser, "postgres"), firstNonBlank(password, urlPassword, ""),
				uri.getRawQuery() == null ? "" : uri.getRawQuery());
	}

	public PostgresAddress withDatabase(String otherDatabase) {
		return new PostgresAddress(host, port, otherDatabase, user, password, query);
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
	}

	/** For logs and messages: never the password. */
	public String describe() {
		return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}
}
