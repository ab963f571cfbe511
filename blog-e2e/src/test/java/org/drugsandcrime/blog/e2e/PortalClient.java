package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drugsandcrime.blog.test.TestDatabase;

/**
 * A member of staff using a running {@code blog-admin} over plain HTTP: a cookie jar for the session, the
 * CSRF token read from the pages and sent back with every form, redirects not followed so tests see them.
 */
final class PortalClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final HttpClient http;

	private String csrf;

	private final CookieManager cookies;

	private PortalClient(String baseUrl) {
		this(baseUrl, new CookieManager(), null);
	}

	private PortalClient(String baseUrl, CookieManager cookies, String csrf) {
		this.baseUrl = baseUrl;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.csrf = csrf;
	}

	/** The same browser (cookies, token) talking to another admin process, as behind a load balancer. */
	PortalClient at(BlogProcess other) {
		return new PortalClient(other.baseUrl(), cookies, csrf);
	}

	/** The value of a cookie this browser holds, or null. */
	String cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
			.map(java.net.HttpCookie::getValue).findFirst().orElse(null);
	}

	/** Signs in once the account exists: the first admin account is created while the app already listens. */
	static PortalClient signIn(BlogProcess admin, String email, String password) {
		PortalToSiteTests.eventually(() -> accountExists(email));
		PortalClient client = new PortalClient(admin.baseUrl());
		client.csrf = token(client.get("/login").body());
		HttpResponse<String> login = client.post("/login", Map.of("username", email, "password", password));
		if (login.statusCode() / 100 != 3 || !"/".equals(login.headers().firstValue("Location").orElse(""))) {
			throw new AssertionError("Could not sign in as " + email + ": " + login.statusCode() + " "
					+ login.headers().firstValue("Location").orElse(""));
		}
		client.csrf = token(client.get("/posts/new").body());
		return client;
	}

	/**
	 * The password an account is given by someone else (the first admin's in the environment, one an admin types at
	 * {@code /users}), which its first sign-in, {@link #chooseFirstPassword}, replaces by the test's own {@code chosen}.
	 */
	static String givenPassword(String chosen) {
		return "given at the first start: " + chosen;
	}

	/**
	 * The first sign-in of an account given {@link #givenPassword}: the portal sends it to "choose your password", where
	 * {@code chosen} becomes the password. The one place the end-to-end tests meet the forced change; done once per
	 * account: when another process (or an earlier test) did it already, nothing is left to do.
	 */
	static void chooseFirstPassword(BlogProcess admin, String email, String chosen) {
		PortalToSiteTests.eventually(() -> mustChangePassword(admin, email) != null);
		if (!mustChangePassword(admin, email)) {
			return;
		}
		PortalClient client = new PortalClient(admin.baseUrl());
		client.csrf = token(client.get("/login").body());
		HttpResponse<String> login = client.post("/login", Map.of("username", email, "password", givenPassword(chosen)));
		if (!"/".equals(login.headers().firstValue("Location").orElse(""))) {
			throw new AssertionError("Could not sign in as " + email + " with the given password: " + login.statusCode());
		}
		if (!"/password/choose".equals(client.get("/").headers().firstValue("Location").orElse(""))) {
			throw new AssertionError("The first sign-in of " + email + " was not asked to choose a password");
		}
		client.csrf = token(client.get("/password/choose").body());
		HttpResponse<String> chose = client.post("/password/choose", Map.of("password", chosen, "repeat", chosen));
		if (chose.statusCode() / 100 != 3) {
			throw new AssertionError("Could not choose the first password of " + email + ": " + chose.statusCode() + "\n"
					+ chose.body());
		}
	}

	/** Whether the account must still change its password, in the database {@code admin} uses; null while it is not there. */
	private static Boolean mustChangePassword(BlogProcess admin, String email) {
		String url = admin.setting("BLOG_DB_URL");
		try (Connection connection = DriverManager.getConnection(url.startsWith("jdbc:") ? url : "jdbc:" + url,
				admin.setting("BLOG_DB_USER"), admin.setting("BLOG_DB_PASSWORD"));
				PreparedStatement query = connection.prepareStatement(
						"SELECT password_must_change FROM users WHERE lower(email) = lower(?)")) {
			query.setString(1, email);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getBoolean(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean accountExists(String email) {
		TestDatabase database = TestDatabase.get();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
				PreparedStatement query = connection.prepareStatement("SELECT 1 FROM users WHERE lower(email) = lower(?)")) {
			query.setString(1, email);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
	}

	HttpResponse<String> post(String path, Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(fields);
		if (csrf != null) {
			form.put("_csrf", csrf);
		}
		StringJoiner body = new StringJoiner("&");
		form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/** Uploads a file as the media form does: multipart, the CSRF token as the first part. */
	HttpResponse<String> upload(String path, String fileName, byte[] content) {
		String boundary = "----portal" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		body.writeBytes(head);
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** Where a redirect points, or an assertion error naming what came back instead. */
	static String location(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 3) {
			throw new AssertionError("Expected a redirect, got " + response.statusCode() + ":\n" + response.body());
		}
		return response.headers().firstValue("Location").orElseThrow();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String token(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token on the page:\n" + html);
		}
		return matcher.group(1);
	}
}
