package org.drugsandcrime.blog.admin.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a phone every table of the portal is a stack of cards whose cells are named by their {@code data-label}
 * (admin.css writes the label before the value), so a cell without one is a value nobody can place. Tables with a
 * heading for each row stay tables and need none. The same is seen in Chromium at 390 px by blog-e2e's
 * {@code PhonesInTheBrowserTests}; this finds a forgotten label in a second, on every template, whatever data the
 * screen has.
 */
class EveryTableFitsAPhoneTests {

	private static final Pattern TABLE = Pattern.compile("<table\\b.*?</table>", Pattern.DOTALL);

	private static final Pattern BODY = Pattern.compile("<tbody>(.*?)</tbody>", Pattern.DOTALL);

	private static final Pattern CELL = Pattern.compile("<td\\b[^>]*>");

	@Test
	void everyCellOfEveryTableBodyNamesItsColumnForTheCardsOnAPhone() throws IOException {
		List<String> unlabelled = new ArrayList<>();
		int cells = 0;
		for (Resource template : templates()) {
			Matcher table = TABLE.matcher(read(template));
			while (table.find()) {
				if (table.group().contains("scope=\"row\"")) {
					continue;
				}
				Matcher body = BODY.matcher(table.group());
				while (body.find()) {
					Matcher cell = CELL.matcher(body.group(1));
					while (cell.find()) {
						cells++;
						String tag = cell.group();
						if (!tag.contains("data-label") && !tag.contains("colspan")) {
							unlabelled.add(template.getFilename() + ": " + tag);
						}
					}
				}
			}
		}
		assertThat(cells).as("table cells found in the templates").isGreaterThan(20);
		assertThat(unlabelled).as("cells without a data-label").isEmpty();
	}

	@Test
	void thePortalsNavigationCanCollapseBehindAMenuThatNeedsNoScript() throws IOException {
		String layout = read(new PathMatchingResourcePatternResolver().getResource("classpath:templates/layout.html"));
		assertThat(layout).containsPattern("(?s)<details class=\"menu\">\\s*<summary>Menu</summary>\\s*<nav aria-label=\"Portal\">");
	}

	private static Resource[] templates() throws IOException {
		return new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html");
	}

	private static String read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
