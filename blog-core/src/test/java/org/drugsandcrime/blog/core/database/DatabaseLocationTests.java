package org.drugsandcrime.blog.core.database;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator sees when the run command cannot reach its database: one clear message, no trace wall. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseLocationTests {

	@Test
	void withoutBlogDbUrlTheAppRefusesToStartAndSaysHowToAskForADevelopersDatabase(CapturedOutput output) {
		assertThatThrownBy(() -> start("--blog.db.url=", "--blog.db.local-port=" + closedPort(),
				"--blog.db.embedded-dir=target/never-made"))
			.isInstanceOf(DatabaseUnavailableException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("BLOG_DB_URL is not set, and the blog does not guess a database")
			.contains("BLOG_DB_URL=local")
			.contains("BLOG_DB_URL=embedded")
			.doesNotContain("Database: ");
		assertThat(java.nio.file.Path.of("target/never-made")).doesNotExist();
		assertThat(output.toString().lines().filter(line -> line.strip().startsWith("at "))).isEmpty();
	}

	@Test
	void aTlsModeThatIsNoneIsNamedAsSuch(CapturedOutput output) {
		assertThatThrownBy(() -> start("--blog.db.url=postgresql://localhost:" + closedPort() + "/blog",
				"--blog.db.ssl-mode=always"))
			.isInstanceOf(DatabaseUnavailableException.class);
		assertThat(output).contains("BLOG_DB_SSL_MODE is not usable").contains("'always' is not a TLS mode");
	}

	@Test
	void aDatabaseThatIsDownEndsTheStartWithOneClearMessage(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThatThrownBy(() -> start("--blog.db.url=postgresql://localhost:" + closedPort + "/blog"))
			.isInstanceOf(DatabaseUnavailableException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The configured database postgresql://postgres@localhost:" + closedPort + "/blog (TLS: prefer) did not answer")
			.contains("Ways out:")
			.contains("BLOG_DB_URL");
		assertThat(output.toString().lines().filter(line -> line.strip().startsWith("at "))).isEmpty();
	}

	@Test
	void aMalformedUrlIsNamedAsSuch(CapturedOutput output) {
		assertThatThrownBy(() -> start("--blog.db.url=mysql://localhost/blog"))
			.isInstanceOf(DatabaseUnavailableException.class);
		assertThat(output).contains("BLOG_DB_URL is not usable").contains("is not a PostgreSQL URL");
	}

	private static int closedPort() throws java.io.IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void start(String... args) {
		SpringApplication application = new SpringApplication(NoBeans.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		DatabaseLocation.applyTo(application);
		application.run(args);
	}

	@SpringBootApplication(scanBasePackages = "none")
	static class NoBeans {
	}
}
