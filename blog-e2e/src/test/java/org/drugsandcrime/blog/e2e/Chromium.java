package org.drugsandcrime.blog.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium driven by Playwright. Playwright never downloads a browser here
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}); without {@code /usr/bin/chromium} the test fails with the way out
 * rather than skipping.
 */
public final class Chromium implements AutoCloseable {

	private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

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

	/**
	 * What axe-core (run inside the page, offline) finds against WCAG 2.2 A and AA, one line a rule with where it
	 * failed; empty when nothing. Fails if axe ran no rule at all, so an empty answer means something.
	 */
	public static List<String> wcagViolations(Page page) {
		AxeResults results = new AxeBuilder(page).withTags(WCAG_22_AA).analyze();
		if (results.getPasses().isEmpty()) {
			throw new IllegalStateException("axe ran no rule on " + page.url());
		}
		return results.getViolations()
			.stream()
			.map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at " + rule.getNodes()
				.stream()
				.map(node -> String.valueOf(node.getTarget()))
				.collect(Collectors.joining(", ")))
			.toList();
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}
}
