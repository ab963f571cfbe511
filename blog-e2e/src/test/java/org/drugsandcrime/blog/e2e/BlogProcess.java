package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.drugsandcrime.blog.test.TestDatabase;

/**
 * A packaged app ({@code blog-web.jar} or {@code blog-admin.jar}) running as its own process against the
 * test JVM's database, the way operators run it: {@code java -jar} and {@code BLOG_*} variables. Its output
 * goes to {@code target/e2e-logs/}, which is where to look when a test fails.
 */
public final class BlogProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private final Map<String, String> environment;

	private BlogProcess(String name, Process process, int port, Path log, Map<String, String> environment) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
		this.environment = Map.copyOf(environment);
	}

	/** A {@code BLOG_*} variable this process was started with. */
	String setting(String name) {
		return environment.get(name);
	}

	/** A public site; {@code settings} adds or overrides {@code BLOG_*} variables. */
	public static BlogProcess web(Map<String, String> settings) {
		return start("blog-web", "BLOG_WEB_PORT", settings);
	}

	/**
	 * An admin portal; {@code settings} adds or overrides {@code BLOG_*} variables. Admins need not use two-factor
	 * sign-in here (the one place the end-to-end suite says so), so the suites sign in with a password alone;
	 * blog-admin's own tests cover the rule. A two-factor key is set, so {@code /account} offers enrolment with its
	 * QR code, as deployed, to the screens the browser suites check. The first admin's password from the environment
	 * must be changed at the first sign-in: the process is given another one, and that first sign-in, which chooses
	 * {@code BLOG_ADMIN_PASSWORD} as the password, happens here, once (see {@link PortalClient#chooseFirstPassword}). Tests then sign in with
	 * {@code BLOG_ADMIN_PASSWORD} as an operator would after their first visit.
	 */
	public static BlogProcess admin(Map<String, String> settings) {
		Map<String, String> withSettings = new HashMap<>(Map.of("BLOG_ADMIN_TWO_FACTOR_REQUIRED", "false",
				"BLOG_TOTP_KEY", "ZTJlIHRlc3RzOiB0d28tZmFjdG9yIGtleSwgMzIgYnk="));
		withSettings.putAll(settings);
		String chosen = settings.get("BLOG_ADMIN_PASSWORD");
		if (chosen == null || !settings.containsKey("BLOG_ADMIN_EMAIL")) {
			return start("blog-admin", "BLOG_ADMIN_PORT", withSettings);
		}
		withSettings.put("BLOG_ADMIN_PASSWORD", PortalClient.givenPassword(chosen));
		BlogProcess admin = start("blog-admin", "BLOG_ADMIN_PORT", withSettings);
		PortalClient.chooseFirstPassword(admin, settings.get("BLOG_ADMIN_EMAIL"), chosen);
		return admin;
	}

	public String baseUrl() {
		return "http://localhost:" + port;
	}

	public int port() {
		return port;
	}

	public String output() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private static BlogProcess start(String app, String portVariable, Map<String, String> settings) {
		Path jar = Path.of(System.getProperty(app.replace('-', '.') + ".jar",
				"../" + app + "/target/" + app + ".jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: the end-to-end tests run the packaged apps, "
					+ "so run them with ./mvnw verify (which packages blog-web and blog-admin first).");
		}
		if (settings.containsKey("BLOG_SMTP_HOST") && !settings.containsKey("BLOG_SMTP_SECURITY")) {
			// The apps require STARTTLS unless told otherwise, and GreenMail has none: each test says what it runs.
			throw new IllegalArgumentException("BLOG_SMTP_HOST without BLOG_SMTP_SECURITY: GreenMail speaks plain SMTP, "
					+ "so say BLOG_SMTP_SECURITY=none");
		}
		int port = freePort();
		TestDatabase database = TestDatabase.get();
		Map<String, String> environment = new HashMap<>();
		environment.put("BLOG_DB_URL", database.jdbcUrl());
		environment.put("BLOG_DB_USER", database.user());
		environment.put("BLOG_DB_PASSWORD", database.password());
		environment.put("BLOG_DEMO_CONTENT", "false");
		// A generated first admin's password goes to a file: this build's, not the home directory's.
		environment.put("BLOG_ADMIN_PASSWORD_FILE", Path.of("target", "e2e-logs", "first-admin-password-" + port).toAbsolutePath().toString());
		environment.put("BLOG_BASE_URL", "http://localhost:" + port);
		environment.put(portVariable, Integer.toString(port));
		environment.putAll(settings);
		try {
			Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
			Path log = logs.resolve(app + "-" + port + ".log");
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + Files.createDirectories(logs.resolve("tmp")).toAbsolutePath()));
			command.add("-jar");
			command.add(jar.toAbsolutePath().toString());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().keySet().removeIf(key -> key.startsWith("BLOG_"));
			builder.environment().putAll(environment);
			BlogProcess started = new BlogProcess(app, builder.start(), port, log, environment);
			started.awaitPort();
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + app + ": " + ex.getMessage(), ex);
		}
	}

	private void awaitPort() {
		try {
			Awaitility.await(name + " opening port " + port).atMost(STARTUP).pollInterval(Duration.ofMillis(200))
				.until(this::portOpen);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException(name + " did not open port " + port + " within " + STARTUP + ":\n" + tail());
		}
	}

	/** Whether the port answers; a process that ended fails the wait at once, with its output. */
	private boolean portOpen() {
		if (!process.isAlive()) {
			throw new IllegalStateException(name + " ended during start-up:\n" + tail());
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private String tail() {
		String output = output();
		return output.substring(Math.max(0, output.length() - 4000));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
