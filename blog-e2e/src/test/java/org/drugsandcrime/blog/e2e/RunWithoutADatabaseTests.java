package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A packaged app told no database refuses to start, naming BLOG_DB_URL and the developer's choice; asked for that
 * ({@code BLOG_DB_URL=local}, as {@code ./run} does) on a machine with only a JDK, nothing on the local PostgreSQL
 * port, the site starts its embedded PostgreSQL (passwords only), fills it with the demo content and serves it.
 */
class RunWithoutADatabaseTests {

	@Test
	void withoutBlogDbUrlThePackagedSiteRefusesToStartAndSaysHowToAskForTheEmbeddedDatabase() throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "no-database-");
		Map<String, String> settings = Map.of("BLOG_DB_URL", "", "BLOG_EMBEDDED_DB_DIR",
				data.resolve("postgres").toAbsolutePath().toString(), "BLOG_MEDIA_DIR", data.resolve("media").toAbsolutePath().toString());
		assertThatThrownBy(() -> BlogProcess.web(settings).close()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ended during start-up")
			.hasMessageContaining("APPLICATION FAILED TO START")
			.hasMessageContaining("BLOG_DB_URL is not set")
			.hasMessageContaining("BLOG_DB_URL=local")
			.hasMessageContaining("BLOG_DB_URL=embedded");
		assertThat(data.resolve("postgres")).doesNotExist();
	}

	@Test
	void askedForTheDevelopersDatabaseTheSiteStartsAnEmbeddedPostgresAndServesTheDemoContent() throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "embedded-");
		Map<String, String> settings = Map.of("BLOG_DB_URL", "local", "BLOG_LOCAL_DB_PORT", Integer.toString(unusedPort()),
				"BLOG_EMBEDDED_DB_PORT", Integer.toString(unusedPort()), "BLOG_EMBEDDED_DB_DIR",
				data.resolve("postgres").toAbsolutePath().toString(), "BLOG_MEDIA_DIR",
				data.resolve("media").toAbsolutePath().toString(), "BLOG_DEMO_CONTENT", "true", "BLOG_ADMIN_PASSWORD_FILE",
				data.resolve("first-admin-password").toAbsolutePath().toString());
		try (BlogProcess web = BlogProcess.web(settings)) {
			// The demo content is loaded just after the port opens.
			Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				HttpResponse<String> home = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(web.baseUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
				assertThat(home.statusCode()).isEqualTo(200);
				assertThat(home.body()).contains("/posts/");
			});
			// The generated password is in a file only its owner reads; the output names the file, never the password.
			String password = Files.readString(data.resolve("first-admin-password")).strip();
			assertThat(web.output()).contains("embedded PostgreSQL, data in").contains("Admin login: admin@example.org")
				.contains(data.resolve("first-admin-password").toAbsolutePath().toString()).doesNotContain(password);
			// The embedded server wants passwords, kept beside its data for the owner alone; the blog is not its superuser.
			for (String file : new String[] { "superuser-password", "blog-password" }) {
				Path secret = data.resolve("postgres").resolve(file);
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
				assertThat(web.output()).doesNotContain(Files.readString(secret).strip());
			}
			assertThat(web.output()).contains("postgresql://blog@localhost:");
		}
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
