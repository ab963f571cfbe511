package org.drugsandcrime.blog.core.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a PostgreSQL database is, parsed from any of the URL forms operators paste:
 * {@code postgresql://user:pw@host:5432/blog}, {@code postgres://…}, {@code jdbc:postgresql://…} or
 * {@code r2dbc:postgresql://…}; credentials in the URL lose to the explicit ones. So does TLS: an {@code sslmode} or
 * {@code sslrootcert} in the URL is read into {@link #tls()}, which writes it for each driver in that driver's
 * spelling (JDBC {@code sslmode}, R2DBC {@code sslMode}), so Flyway and the application always connect alike.
 */
public record PostgresAddress(String host, int port, String database, String user, String password, String query,
		Tls tls) {

	public PostgresAddress {
		tls = tls == null ? Tls.DEFAULT : tls;
	}

	public static PostgresAddress parse(String url, String user, String password) {
		return parse(url, user, password, null);
	}

	/** {@code tls}, when given, wins over what the URL says, as explicit credentials do. */
	public static PostgresAddress parse(String url, String user, String password, Tls tls) {
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
		String urlMode = null;
		String urlRootCert = null;
		List<String> otherParameters = new ArrayList<>();
		if (uri.getRawQuery() != null) {
			for (String parameter : uri.getRawQuery().split("&")) {
				String[] pair = parameter.split("=", 2);
				String name = pair[0].toLowerCase(Locale.ROOT);
				String value = pair.length > 1 ? decode(pair[1]) : "";
				if (name.equals("sslmode")) {
					urlMode = value;
				}
				else if (name.equals("sslrootcert")) {
					urlRootCert = value;
				}
				else if (!parameter.isEmpty()) {
					otherParameters.add(parameter);
				}
			}
		}
		Tls fromUrl = new Tls(firstNonBlank(urlMode, Tls.DEFAULT.mode()), blankToNull(urlRootCert));
		Tls chosen = tls == null ? fromUrl
				: new Tls(tls.explicitMode() ? tls.mode() : fromUrl.mode(),
						tls.rootCert() != null ? tls.rootCert() : fromUrl.rootCert());
		return new PostgresAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database,
				firstNonBlank(user, urlUser, "postgres"), firstNonBlank(password, urlPassword, ""),
				String.join("&", otherParameters), chosen);
	}

	public PostgresAddress withDatabase(String otherDatabase) {
		return new PostgresAddress(host, port, otherDatabase, user, password, query, tls);
	}

	public PostgresAddress withTls(Tls other) {
		return new PostgresAddress(host, port, database, user, password, query, other);
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?" + parameters("sslmode", "sslrootcert");
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + host + ":" + port + "/" + database + "?" + parameters("sslMode", "sslRootCert");
	}

	private String parameters(String modeName, String rootCertName) {
		StringBuilder parameters = new StringBuilder();
		if (!query.isEmpty()) {
			parameters.append(query).append('&');
		}
		parameters.append(modeName).append('=').append(tls.mode());
		if (tls.rootCert() != null) {
			// %20, not URLEncoder's '+', for a space: both drivers decode it alike.
			parameters.append('&').append(rootCertName).append('=')
				.append(URLEncoder.encode(tls.rootCert(), StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return parameters.toString();
	}

	/** For logs and messages: never the password. */
	public String describe() {
		return "postgresql://" + user + "@" + host + ":" + port + "/" + database + " (TLS: " + tls.mode() + ")";
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}

	/**
	 * How the connection is encrypted: libpq's {@code sslmode} ({@code BLOG_DB_SSL_MODE}) and the certificate of the
	 * authority that signed the server's ({@code BLOG_DB_SSL_ROOT_CERT}, for {@code verify-ca} and {@code verify-full}).
	 *
	 * @param mode disable, allow, prefer, require, verify-ca or verify-full
	 * @param rootCert a PEM file, or null for the driver's default
	 */
	public record Tls(String mode, String rootCert) {

		static final Set<String> MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

		/** What both drivers do when told nothing: encrypt when the server offers it, without checking whose it is. */
		public static final Tls DEFAULT = new Tls("prefer", null);

		/** The embedded PostgreSQL listens on loopback only and has no certificate. */
		static final Tls LOOPBACK = new Tls("disable", null);

		public Tls {
			mode = mode == null || mode.isBlank() ? null : mode.strip().toLowerCase(Locale.ROOT);
			if (mode != null && !MODES.contains(mode)) {
				throw new IllegalArgumentException("'" + mode + "' is not a TLS mode: use one of disable, allow, prefer, require, "
						+ "verify-ca, verify-full");
			}
			rootCert = rootCert == null || rootCert.isBlank() ? null : rootCert.strip();
		}

		/** From the settings: blank values leave the URL's choice (or the default) standing. */
		public static Tls of(String mode, String rootCert) {
			return new Tls(mode, rootCert);
		}

		boolean explicitMode() {
			return mode != null;
		}

		@Override
		public String mode() {
			return mode == null ? "prefer" : mode;
		}
	}
}
