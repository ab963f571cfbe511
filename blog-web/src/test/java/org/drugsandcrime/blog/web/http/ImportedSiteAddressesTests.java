package org.drugsandcrime.blog.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.WordPressSample;
import org.drugsandcrime.blog.wordpress.importing.ImportRequest;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-show: import a real WordPress export, then ask the public site for an old address of every
 * kind, with and without the trailing slash. Each answers exactly one 301, to the page that now holds what the
 * old one held (the post's title, the archive's name), which answers 200. What is expected is read from the
 * file itself, not from what the import wrote.
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ImportedSiteAddressesTests {

	/** The real sample export (WordPress 6.1, 50 posts, 2 pages). */
	static final Path SAMPLE = WordPressSample.file();

	/** A sub-folder site with what the sample lacks: an attachment page, a child category, a child page. */
	static final String SUB_FOLDER = "/wordpress/sub-folder.wxr";

	@Autowired
	WebTestClient web;

	@Autowired
	WordPressImport imports;

	@LocalServerPort
	int port;

	@Test
	void afterImportingTheSampleEveryKindOfOldAddressAnswersOneRedirectToTheRightPage() throws IOException {
		imports.run(new ImportRequest(SAMPLE, "sample-50.wxr", null, null), progress -> {
		}).block();
		Export export = Export.read(Files.newInputStream(SAMPLE));
		Map<String, String> checked = new LinkedHashMap<>();

		for (WxrItem post : export.items("post")) {
			String title = post.title();
			String link = export.path(post.link());
			String page = answersOnce(link, title);
			checked.put("post link " + link, page);
			assertThat(answersOnce("/?p=" + post.postId(), title)).isEqualTo(page);
			LocalDate date = LocalDate.parse(post.postDate().substring(0, 10));
			assertThat(answersOnce("/%d/%02d/%02d/%s/".formatted(date.getYear(), date.getMonthValue(),
					date.getDayOfMonth(), post.postName()), title)).isEqualTo(page);
			assertThat(answersOnce("/%d/%02d/%s/".formatted(date.getYear(), date.getMonthValue(), post.postName()), title))
				.isEqualTo(page);
			if (export.items("page").stream().noneMatch(p -> p.postName().equals(post.postName()))) {
				assertThat(answersOnce("/" + post.postName() + "/", title)).isEqualTo(page);
			}
			assertThat(answersOnce(link + "feed/", "<rss")).isEqualTo(page + "/comments/feed");
		}
		for (WxrItem page : export.items("page")) {
			String found = answersOnce(export.path(page.link()), page.title());
			assertThat(answersOnce("/?page_id=" + page.postId(), page.title())).isEqualTo(found);
			checked.put("page link " + page.link(), found);
		}
		for (WxrCategory category : export.categories) {
			String path = "/category/" + export.categoryPath(category) + "/";
			String found = answersOnce(path, category.name());
			assertThat(answersOnce("/?cat=" + category.termId(), category.name())).isEqualTo(found);
			assertThat(answersOnce(path + "feed/", "<rss")).isEqualTo(found + "/feed");
			checked.put("category " + path, found);
		}
		for (WxrTag tag : export.tags) {
			String path = "/tag/" + tag.slug() + "/";
			String found = answersOnce(path, tag.name());
			assertThat(answersOnce("/?tag=" + tag.slug(), tag.name())).isEqualTo(found);
			assertThat(answersOnce(path + "feed/", "<rss")).isEqualTo(found + "/feed");
			checked.put("tag " + path, found);
		}
		for (WxrAuthor author : export.authors) {
			String path = "/author/" + author.login() + "/";
			String found = answersOnce(path, author.displayName());
			assertThat(answersOnce("/?author=" + author.id(), author.displayName())).isEqualTo(found);
			assertThat(answersOnce(path + "feed/", "<rss")).isEqualTo(found + "/feed");
			checked.put("author " + path, found);
		}
		for (String month : export.months()) {
			String title = export.firstTitleIn(month);
			String yyyy = month.substring(0, 4);
			String mm = month.substring(5, 7);
			assertThat(answersOnce("/" + yyyy + "/" + mm + "/", title)).isEqualTo("/archive/" + yyyy + "/" + mm);
			assertThat(answersOnce("/?m=" + yyyy + mm, title)).isEqualTo("/archive/" + yyyy + "/" + mm);
			assertThat(answersOnce("/" + yyyy + "/", title)).isEqualTo("/archive/" + yyyy);
			assertThat(answersOnce("/?m=" + yyyy, title)).isEqualTo("/archive/" + yyyy);
		}
		assertThat(answersOnce("/feed/", "<rss")).isEqualTo("/feed");
		assertThat(answersOnce("/feed/rss2/", "<rss")).isEqualTo("/feed");
		assertThat(answersOnce("/?feed=rss2", "<rss")).isEqualTo("/feed");
		assertThat(answersOnce("/feed/atom/", "<feed")).isEqualTo("/feed/atom");
		assertThat(answersOnce("/comments/feed/", "<rss")).isEqualTo("/comments/feed");
		assertThat(checked).hasSizeGreaterThanOrEqualTo(50 + 2 + 4 + 2);
	}

	@Test
	void aSubFolderSitesAttachmentPagesChildCategoriesAndChildPagesAnswerToo() throws IOException {
		Path file = Files.createTempFile("sub-folder-", ".wxr");
		try (InputStream in = getClass().getResourceAsStream(SUB_FOLDER)) {
			Files.write(file, in.readAllBytes());
		}
		imports.run(new ImportRequest(file, "sub-folder.wxr", null, null), progress -> {
		}).block();
		Export export = Export.read(Files.newInputStream(file));
		assertThat(export.basePath).isEqualTo("/blog");
		WxrItem post = export.items("post").get(0);
		String page = answersOnce(export.path(post.link()), post.title());
		assertThat(answersOnce("/blog/?p=" + post.postId(), post.title())).isEqualTo(page);
		// Without the uploads folder an attachment page goes to the post it belongs to; a loose one has nowhere to go.
		List<WxrItem> attached = export.items("attachment").stream().filter(a -> a.postParent() == post.postId()).toList();
		assertThat(attached).isNotEmpty();
		for (WxrItem attachment : attached) {
			assertThat(answersOnce(export.path(attachment.link()), post.title())).isEqualTo(page);
			assertThat(answersOnce("/blog/?attachment_id=" + attachment.postId(), post.title())).isEqualTo(page);
		}
		WxrItem child = export.items("page").stream().filter(p -> p.postParent() != 0).findFirst().orElseThrow();
		assertThat(export.path(child.link())).isEqualTo("/blog/about/team/");
		answersOnce("/blog/about/team/", child.title());
		answersOnce("/blog/?page_id=" + child.postId(), child.title());
		WxrCategory courts = export.categories.stream().filter(c -> !c.parentNicename().isBlank()).findFirst().orElseThrow();
		String found = answersOnce("/blog/category/justice/courts/", courts.name());
		assertThat(answersOnce("/blog/category/courts/", courts.name())).isEqualTo(found);
		assertThat(answersOnce("/blog/category/justice/courts/feed/", "<rss")).isEqualTo(found + "/feed");
		assertThat(answersOnce("/blog/", "<html")).isEqualTo("/");
		assertThat(answersOnce("/blog/feed/", "<rss")).isEqualTo("/feed");
		assertThat(answersOnce("/blog/comments/feed/", "<rss")).isEqualTo("/comments/feed");
	}

	/**
	 * Asks for an old address with and without its trailing slash: each answers one 301 to the same page, which
	 * answers 200 and shows {@code expected}. Returns the page's path.
	 */
	private String answersOnce(String old, String expected) {
		String target = null;
		// The form WordPress wrote (with the slash) first: it always redirects. Without the slash it may already be
		// the new page itself (/category/x/ -> /category/x), which then answers 200 rather than a redirect to itself.
		List<String> forms = new ArrayList<>(OldAddressesTests.withAndWithoutSlash(old));
		java.util.Collections.reverse(forms);
		for (String from : forms) {
			if (from.equals(target)) {
				continue;
			}
			String location = web.get().uri(at(from)).exchange().expectStatus().isEqualTo(301)
				.returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
			assertThat(location).as(from).startsWith("/").doesNotStartWith("//");
			assertThat(target == null || target.equals(location)).as(from + " -> " + location).isTrue();
			target = location;
		}
		String body = web.get().uri(at(target)).exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult().getResponseBody();
		assertThat(body).as(old + " -> " + target).contains(expected.startsWith("<") ? expected : HtmlUtils.htmlEscape(expected));
		return target;
	}

	private URI at(String pathAndQuery) {
		return URI.create("http://localhost:" + port + pathAndQuery);
	}

	/** What the file says, read with the reader the import uses but kept apart from anything it wrote. */
	private static final class Export {

		String basePath = "";

		final List<WxrAuthor> authors = new ArrayList<>();

		final List<WxrCategory> categories = new ArrayList<>();

		final List<WxrTag> tags = new ArrayList<>();

		final List<WxrItem> items = new ArrayList<>();

		static Export read(InputStream in) throws IOException {
			Export export = new Export();
			try (WxrReader reader = WxrReader.open(in)) {
				for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
					if (entry instanceof org.drugsandcrime.blog.wordpress.wxr.WxrSite site) {
						export.basePath = URI.create(site.baseBlogUrl()).getPath().replaceAll("/$", "");
					}
					else if (entry instanceof WxrAuthor author) {
						export.authors.add(author);
					}
					else if (entry instanceof WxrCategory category) {
						export.categories.add(category);
					}
					else if (entry instanceof WxrTag tag) {
						export.tags.add(tag);
					}
					else if (entry instanceof WxrItem item
							&& (item.status().equals("publish") || item.postType().equals("attachment"))) {
						export.items.add(item);
					}
				}
			}
			return export;
		}

		List<WxrItem> items(String type) {
			return items.stream().filter(item -> item.postType().equals(type)).toList();
		}

		String path(String link) {
			URI uri = URI.create(link);
			return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		}

		String categoryPath(WxrCategory category) {
			String path = category.nicename();
			for (WxrCategory parent = parentOf(category); parent != null; parent = parentOf(parent)) {
				path = parent.nicename() + "/" + path;
			}
			return path;
		}

		private WxrCategory parentOf(WxrCategory category) {
			return categories.stream().filter(c -> c.nicename().equals(category.parentNicename())).findFirst()
				.orElse(null);
		}

		/** Months of published posts, as {@code yyyy-mm} of their local dates (WordPress's archives). */
		Set<String> months() {
			Set<String> months = new LinkedHashSet<>();
			items("post").forEach(post -> months.add(post.postDate().substring(0, 7)));
			return months;
		}

		String firstTitleIn(String month) {
			return items("post").stream().filter(post -> post.postDate().startsWith(month)).findFirst().orElseThrow()
				.title();
		}
	}
}
