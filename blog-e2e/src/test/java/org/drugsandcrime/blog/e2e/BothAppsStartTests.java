package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged apps start with {@code java -jar} and serve the public site and the login page. */
class BothAppsStartTests {

	static BlogProcess web;

	static BlogProcess admin;

	@BeforeAll
	static void start() {
		web = BlogProcess.web(Map.of());
		admin = BlogProcess.admin(Map.of());
	}

	@AfterAll
	static void stop() {
		admin.close();
		web.close();
	}

	@Test
	void publicSiteAnswersOnItsHomePage() throws Exception {
		HttpResponse<String> home = get(web.baseUrl() + "/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("<html");
	}

	@Test
	void adminPortalAnswersWithItsLoginPage() throws Exception {
		HttpResponse<String> login = get(admin.baseUrl() + "/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).containsIgnoringCase("password");
	}

	@Test
	void headlessChromiumRendersTheLoginPage() {
		try (Chromium chromium = Chromium.launch(); Page page = chromium.browser().newPage()) {
			page.navigate(admin.baseUrl() + "/login");
			assertThat(page.locator("input[type=password]").count()).isEqualTo(1);
		}
	}

	static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
