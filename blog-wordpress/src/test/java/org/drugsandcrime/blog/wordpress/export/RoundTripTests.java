package org.drugsandcrime.blog.wordpress.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.drugsandcrime.blog.SeparateSite;
import org.drugsandcrime.blog.wordpress.importing.ImportRequest;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No lock-in: the sample WordPress export, imported into an empty blog, exported, and the export imported into another
 * empty blog, gives the same blog: posts, pages, comments with their threads, categories with their parents, tags and
 * authors. Each blog has a database of its own, so nothing another test left can make the two agree.
 */
class RoundTripTests {

	@TempDir
	Path files;

	@Test
	void theSampleComesBackFromItsOwnExportAsItWent() throws IOException {
		Path sample = files.resolve("sample-50.wxr");
		try (InputStream in = RoundTripTests.class.getResourceAsStream("/wordpress/sample-50.wxr")) {
			Files.copy(in, sample);
		}
		Path exported = files.resolve("exported.wxr");
		Blog first;
		Blog second;
		try (SeparateSite site = SeparateSite.start("first")) {
			site.bean(WordPressImport.class).run(new ImportRequest(sample, "sample-50.wxr", null, null), progress -> {
			}).block();
			// Every comment of the sample is approved: moderation's other states come from staff here.
			site.bean(DatabaseClient.class).sql("""
					INSERT INTO comments (post_id, parent_id, author_name, author_email, body, status, created_at)
					SELECT c.post_id, c.id, s.name, s.name || '@example.org', 'A < b & c ]]> said ' || s.status, s.status,
					       c.created_at + interval '1 hour'
					FROM (SELECT * FROM comments ORDER BY id LIMIT 1) c,
					     (VALUES ('pending', 'PENDING'), ('spammer', 'SPAM'), ('binned', 'TRASH')) AS s(name, status)
					""").fetch().rowsUpdated().block();
			DataBufferUtils.write(site.bean(WordPressExport.class).export(), exported).block();
			first = Blog.of(site.bean(DatabaseClient.class));
		}
		try (SeparateSite site = SeparateSite.start("second")) {
			site.bean(WordPressImport.class).run(new ImportRequest(exported, "exported.wxr", null, null), progress -> {
			}).block();
			second = Blog.of(site.bean(DatabaseClient.class));
		}

		assertThat(first.posts()).as("the sample's posts").hasSize(50);
		assertThat(first.pages()).as("the sample's pages").hasSize(2);
		assertThat(first.comments()).as("the sample's comments and three moderated here").hasSize(132);
		assertThat(first.comments().values()).extracting(CommentSeen::status)
			.contains("APPROVED", "PENDING", "SPAM", "TRASH");
		assertThat(first.comments().values()).as("threads").anyMatch(comment -> !comment.parent().isEmpty());
		assertThat(first.tags()).isNotEmpty();

		assertThat(second.posts()).isEqualTo(first.posts());
		assertThat(second.pages()).isEqualTo(first.pages());
		assertThat(second.comments()).isEqualTo(first.comments());
		assertThat(second.categories()).isEqualTo(first.categories());
		assertThat(second.tags()).isEqualTo(first.tags());
		assertThat(second.authors()).isEqualTo(first.authors());
	}

	/** What a reader and staff see of a blog, keyed by what stays the same across an import: slugs and addresses. */
	record Blog(Map<String, PostSeen> posts, Map<String, PageSeen> pages, Map<String, CommentSeen> comments,
			Map<String, String> categories, Map<String, String> tags, Map<String, String> authors) {

		static Blog of(DatabaseClient database) {
			return new Blog(
					rows(database, """
							SELECT p.slug, p.title, p.status, p.published_at, p.body_text, p.featured,
							       CASE WHEN p.custom_excerpt THEN p.excerpt ELSE '' END AS excerpt, u.email,
							       (SELECT string_agg(c.slug, ',' ORDER BY c.slug) FROM post_categories pc
							        JOIN categories c ON c.id = pc.category_id WHERE pc.post_id = p.id) AS categories,
							       (SELECT string_agg(t.slug, ',' ORDER BY t.slug) FROM post_tags pt
							        JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id) AS tags
							FROM posts p JOIN users u ON u.id = p.author_id
							""", row -> row.get("slug", String.class),
							row -> new PostSeen(row.get("title", String.class), row.get("status", String.class),
									row.get("published_at", Instant.class), words(row.get("body_text", String.class)),
									row.get("excerpt", String.class), row.get("featured", Boolean.class), row.get("email", String.class),
									String.valueOf(row.get("categories", String.class)), String.valueOf(row.get("tags", String.class)))),
					rows(database, "SELECT slug, title, status, body_html FROM pages", row -> row.get("slug", String.class),
							row -> new PageSeen(row.get("title", String.class), row.get("status", String.class),
									words(Jsoup.parse(row.get("body_html", String.class)).text()))),
					rows(database, """
							SELECT p.slug, c.author_name, c.author_email, coalesce(c.author_website, '') AS website, c.body,
							       c.status, c.created_at,
							       coalesce(parent.author_name || ' at ' || parent.created_at::text, '') AS parent
							FROM comments c JOIN posts p ON p.id = c.post_id LEFT JOIN comments parent ON parent.id = c.parent_id
							""", row -> row.get("slug", String.class) + " / " + row.get("author_name", String.class) + " at "
									+ row.get("created_at", Instant.class),
							row -> new CommentSeen(row.get("author_email", String.class), row.get("website", String.class),
									words(row.get("body", String.class)), row.get("status", String.class),
									row.get("parent", String.class))),
					rows(database, """
							SELECT c.slug, c.name || ' under ' || coalesce(parent.slug, '-') AS seen
							FROM categories c LEFT JOIN categories parent ON parent.id = c.parent_id
							""", row -> row.get("slug", String.class), row -> row.get("seen", String.class)),
					rows(database, "SELECT slug, name FROM tags", row -> row.get("slug", String.class),
							row -> row.get("name", String.class)),
					rows(database, """
							SELECT lower(u.email) AS email, u.display_name FROM users u
							WHERE EXISTS (SELECT 1 FROM posts p WHERE p.author_id = u.id)
							""", row -> row.get("email", String.class), row -> row.get("display_name", String.class)));
		}

		private static <V> Map<String, V> rows(DatabaseClient database, String sql,
				Function<io.r2dbc.spi.Readable, String> key, Function<io.r2dbc.spi.Readable, V> value) {
			List<Map.Entry<String, V>> found = database.sql(sql)
				.map((row, meta) -> Map.entry(key.apply(row), value.apply(row)))
				.all()
				.collectList()
				.block();
			Map<String, V> sorted = new TreeMap<>();
			found.forEach(entry -> assertThat(sorted.put(entry.getKey(), entry.getValue())).as("one " + entry.getKey()).isNull());
			return sorted;
		}

		/** Text as a reader reads it: the same words, however the lines were broken. */
		private static String words(String text) {
			return text == null ? "" : text.strip().replaceAll("\\s+", " ");
		}
	}

	record PostSeen(String title, String status, Instant publishedAt, String text, String excerpt, boolean featured,
			String author, String categories, String tags) {
	}

	record PageSeen(String title, String status, String text) {
	}

	record CommentSeen(String email, String website, String text, String status, String parent) {
	}
}
