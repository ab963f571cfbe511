package org.drugsandcrime.blog.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drugsandcrime.blog.e2e.PortalToSiteTests.eventually;

/**
 * Writing a post in the packaged portal in headless Chromium, on a laptop and on a phone: an image uploaded from
 * the editor's own button with its text alternative, a YouTube address on its own line, both in the live preview
 * (the image served by the portal itself), autosave to the server surviving a reload, Ctrl+S, and the warning
 * before leaving unsaved text.
 */
class EditorInTheBrowserTests {

	static final String EMAIL = "e2e-writer@example.org";

	static final String PASSWORD = "an end-to-end password for the editor";

	static BlogProcess admin;

	static Path image;

	@BeforeAll
	static void start() throws IOException {
		Path media = Files.createDirectories(Path.of("target", "e2e-editor-media")).toAbsolutePath();
		admin = BlogProcess.admin(Map.of("BLOG_ADMIN_EMAIL", EMAIL, "BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_MEDIA_DIR",
				media.toString()));
		image = Files.createTempFile("caseloads-", ".png");
		BufferedImage chart = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = chart.createGraphics();
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(10, 10, 100, 60);
		graphics.dispose();
		ImageIO.write(chart, "png", image.toFile());
	}

	@AfterAll
	static void stop() throws IOException {
		admin.close();
		Files.deleteIfExists(image);
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void aWriterAddsAnImageAndAVideoSeesThemInThePreviewAndTheAutosavedTextSurvivesAReload(int width) {
		String title = "Caseloads in pictures at " + width + " px";
		try (Chromium chromium = Chromium.launch();
				BrowserContext context = chromium.browser()
					.newContext(new Browser.NewContextOptions().setViewportSize(width, width > 500 ? 900 : 844));
				Page page = context.newPage()) {
			signIn(page);
			page.navigate(admin.baseUrl() + "/posts/new");
			page.fill("#title", title);
			page.locator("#body").pressSequentially("Caseloads rose again this year.");

			FileChooser chooser = page.waitForFileChooser(() -> page.click("#insert-image"));
			chooser.setFiles(image);
			page.waitForSelector("#image-dialog[open]");
			page.fill("#image-alt", "Bar chart of probation caseloads");
			page.click("#image-dialog-upload");
			page.waitForFunction("() => document.getElementById('body').value.includes('![Bar chart of probation caseloads](/media/')");

			String body = page.inputValue("#body");
			page.fill("#body", body + "https://www.youtube.com/watch?v=Lr2Wd6sFg9U\n\nThe interview follows.");

			page.waitForFunction("() => { const i = document.querySelector('#preview img[alt=\"Bar chart of probation caseloads\"]');"
					+ " return i && i.complete && i.naturalWidth === 120; }");
			assertThat(page.getAttribute("#preview img", "src")).startsWith("/media/caseloads-");
			page.waitForSelector("#preview iframe[src='https://www.youtube-nocookie.com/embed/Lr2Wd6sFg9U']",
					new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
			assertThat(page.textContent("#body-stats")).matches("\\d+ words · about 1 minute to read");

			page.waitForSelector("#autosave-status[data-state=saved]");
			assertThat(page.textContent("#autosave-status")).matches("Saved at \\d\\d:\\d\\d.*");
			assertThat(page.url()).matches(".*/posts/\\d+/edit$");
			assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).as(String.valueOf(page.evaluate(
					"() => Array.from(document.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')")))
				.isEqualTo(true);

			page.reload();
			assertThat(page.inputValue("#title")).isEqualTo(title);
			assertThat(page.inputValue("#body")).contains("Caseloads rose again this year.")
				.contains("![Bar chart of probation caseloads](/media/caseloads-")
				.contains("https://www.youtube.com/watch?v=Lr2Wd6sFg9U");
			page.waitForSelector("#preview iframe", new Page.WaitForSelectorOptions()
				.setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
			assertThat(page.textContent("#restored")).contains("The text autosaved at");
			assertThat(Chromium.wcagViolations(page)).as("axe on the editor with autosaved text back").isEmpty();

			page.locator("#body").press("Control+End");
			page.locator("#body").pressSequentially(" Kept with Ctrl+S.");
			page.keyboard().press("Control+s");
			page.waitForSelector("#autosave-status[data-state=saved]");
			page.reload();
			assertThat(page.inputValue("#body")).endsWith("Kept with Ctrl+S.");

			List<String> dialogs = new ArrayList<>();
			page.onDialog(dialog -> {
				dialogs.add(dialog.type());
				dialog.dismiss();
			});
			page.locator("#body").press("Control+End");
			page.locator("#body").pressSequentially(" Not saved yet.");
			String editing = page.url();
			// Leaving as a link would (the navigation may be folded away on a phone).
			page.evaluate("() => { window.location.href = '/posts'; }");
			eventually(() -> !dialogs.isEmpty());
			assertThat(dialogs).containsExactly("beforeunload");
			assertThat(page.url()).isEqualTo(editing);
		}
	}

	@org.junit.jupiter.api.Test
	void imagesDroppedOrPastedIntoTheBodyAreUploadedAndACoverIsUploadedFromThePicker() {
		try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser().newContext();
				Page page = context.newPage()) {
			signIn(page);
			page.navigate(admin.baseUrl() + "/posts/new");
			page.fill("#title", "Dropped, pasted and a cover");
			page.locator("#body").pressSequentially("First paragraph.");

			// A drop and a paste as Chromium delivers them: an event carrying an image file made on the page.
			String image = "async name => { const c = document.createElement('canvas'); c.width = 30; c.height = 20;"
					+ " c.getContext('2d').fillRect(0, 0, 30, 20);"
					+ " const blob = await new Promise(done => c.toBlob(done, 'image/png'));"
					+ " const data = new DataTransfer(); data.items.add(new File([blob], name, { type: 'image/png' })); return data; }";
			page.evaluate("async () => { const data = await (" + image + ")('dropped.png');"
					+ " document.getElementById('body').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })); }");
			page.waitForSelector("#image-dialog[open]");
			assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("image-alt");
			assertThat(Chromium.wcagViolations(page)).as("axe with the image dialog open").isEmpty();
			page.fill("#image-alt", "A dropped chart");
			page.click("#image-dialog-upload");
			page.waitForFunction("() => document.getElementById('body').value.includes('![A dropped chart](/media/dropped-')");

			page.evaluate("async () => { const data = await (" + image + ")('pasted.png');"
					+ " document.getElementById('body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }");
			page.waitForSelector("#image-dialog[open]");
			page.fill("#image-alt", "A pasted chart");
			page.keyboard().press("Enter");
			page.waitForFunction("() => document.getElementById('body').value.includes('![A pasted chart](/media/pasted-')");
			page.waitForSelector("#preview img[alt='A pasted chart']");

			FileChooser chooser = page.waitForFileChooser(() -> page.click("#upload-cover"));
			chooser.setFiles(EditorInTheBrowserTests.image);
			page.waitForSelector("#image-dialog[open]");
			page.fill("#image-alt", "The cover chart");
			page.click("#image-dialog-upload");
			page.waitForSelector("#cover-choices input[type=radio][value^='/media/caseloads-']:checked");

			page.waitForSelector("#autosave-status[data-state=saved]");
			page.reload();
			assertThat(page.getAttribute("#cover-choices input[type=radio]:checked", "value")).startsWith("/media/caseloads-");
			assertThat(page.inputValue("#body")).contains("![A dropped chart](/media/dropped-").contains("![A pasted chart](/media/pasted-");
		}
	}

	private static void signIn(Page page) {
		eventually(() -> PortalClient.accountExists(EMAIL));
		page.navigate(admin.baseUrl() + "/login");
		page.fill("#username", EMAIL);
		page.fill("#password", PASSWORD);
		page.click("button[type=submit]");
		page.waitForURL(admin.baseUrl() + "/");
	}
}
