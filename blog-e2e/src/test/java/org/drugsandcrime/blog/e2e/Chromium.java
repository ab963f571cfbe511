package org.drugsandcrime.blog.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium driven by Playwright. Playwright never downloads a browser here
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}); without {@code /usr/bin/chromium} the test fails with the way out
 * rather than skipping.
 */
public final class Chromium implements AutoCloseable {

	private static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("BLOG_CHROMIUM", "/usr/bin/chromium"));

	private final Playwright playwright;

	private final Browser browser;

	private Chromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	public static Chromium launch() {
		if (!Files.isExecutable(EXECUTABLE)) {
			throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium "
					+ "(apt-get install -y chromium; .ci/run does this) or point BLOG_CHROMIUM at a Chromium binary.");
		}
		Playwright playwright = Playwright.create();
		Browser browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
		return new Chromium(playwright, browser);
	}

	public Browser browser() {
		return browser;
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}
}
