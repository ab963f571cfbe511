package org.drugsandcrime.blog.wordpress.importing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.wordpress.importing.ImportReport.Note;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the mapping, each shown with a small hand-written export. */
@BlogTest(properties = { "blog.demo.content=false", "blog.media.dir=${java.io.tmpdir}/importer-rules-media" })
class ImportRulesTests {

	private static final String DATE = "2015-03-01 10:00:00";

	@Autowired
	WordPressImport imports;

	@Autowired
	DatabaseClient database;

	@Test
	void aPublishedPostWithAnImpossibleDateIsImportedAsADraftAndReported() {
		ImportedSite site = ImportedSite.named("dates");
		ImportReport report = run(site, site.wxr(site.post(10, "February the thirtieth", "feb-30", "publish",
				"2015-02-30 10:00:00", "<p>Never was.</p>", "")));

		assertThat(post(site, 10)).containsEntry("status", "DRAFT").containsEntry("published_at", null);
		assertThat(report.warnings()).extracting(Note::reason, Note::item)
			.contains(org.assertj.core.groups.Tuple.tuple(Reason.IMPOSSIBLE_DATE, "post 10 “February the thirtieth”"));
	}

	@Test
	void statusesBecomeOursTrashIsSkippedAndStickyPostsAreFeatured() {
		ImportedSite site = ImportedSite.named("statuses");
		String sticky = site.post(1, "Live", "live", "publish", DATE, "<p>Out.</p>", "").replace(
				"<wp:is_sticky>0</wp:is_sticky>", "<wp:is_sticky>1</wp:is_sticky>");
		ImportReport report = run(site, site.wxr(sticky
				+ site.post(2, "Later", "later", "future", "2099-01-01 09:00:00", "<p>Soon.</p>", "")
				+ site.post(3, "Unfinished", "", "draft", "0000-00-00 00:00:00", "<p>Draft.</p>", "")
				+ site.post(4, "Waiting", "waiting", "pending", DATE, "<p>Review me.</p>", "")
				+ site.post(5, "Secret", "secret", "private", DATE, "<p>Hidden.</p>", "")
				+ site.post(6, "Binned", "binned", "trash", DATE, "<p>Gone.</p>", "")));

		assertThat(post(site, 1)).containsEntry("status", "PUBLISHED").containsEntry("featured", true)
			.containsEntry("guid", site.address + "/?p=1");
		assertThat(post(site, 1).get("published_at")).hasToString("2015-03-01T10:00Z");
		assertThat(post(site, 2)).containsEntry("status", "SCHEDULED").containsEntry("email_subscribers", false);
		assertThat(post(site, 3)).containsEntry("status", "DRAFT").containsEntry("slug", "unfinished");
		assertThat(post(site, 4)).containsEntry("status", "DRAFT");
		assertThat(post(site, 4).get("review_requested_at")).isNotNull();
		assertThat(post(site, 5)).containsEntry("status", "DRAFT");
		assertThat(post(site, 6)).isEmpty();
		assertThat(report.count("posts")).isEqualTo(new ImportReport.Count("posts", 6, 5, 0, 1));
		assertThat(report.skipped()).extracting(Note::reason).containsExactly(Reason.TRASHED);
	}

	@Test
	void aSlugTakenByAnotherPostIsRenamedAndReportedAndEncodedSlugsAreDecoded() {
		ImportedSite first = ImportedSite.named("slugs-first");
		run(first, first.wxr(first.post(1, "Taken", "a-slug-taken-" + first.key.replace('.', '-'), "publish", DATE,
				"<p>First.</p>", "")));
		ImportedSite second = ImportedSite.named("slugs-second");
		ImportReport report = run(second, second.wxr(second.post(1, "Taken too",
				"a-slug-taken-" + first.key.replace('.', '-'), "publish", DATE, "<p>Second.</p>", "")
				+ second.post(2, "Zürich", "z%c3%bcrich-" + second.key.replace('.', '-'), "publish", DATE,
						"<p>Encoded.</p>", "")));

		assertThat(post(second, 1).get("slug")).isEqualTo("a-slug-taken-" + first.key.replace('.', '-') + "-2");
		assertThat(report.warnings()).extracting(Note::reason).contains(Reason.SLUG_RENAMED);
		assertThat(post(second, 2).get("slug")).isEqualTo("zurich-" + second.key.replace('.', '-'));
	}

	@Test
	void commentsKeepTheirThreadsAndStatesAndAMissingParentIsReported() {
		ImportedSite site = ImportedSite.named("comments");
		String comments = ImportedSite.comment(101, 0, "Ann", "<p>First <a href=\"https://example.org\">link</a></p>")
				+ ImportedSite.comment(102, 101, "Bob", "A reply")
				+ ImportedSite.comment(103, 999, "Cat", "Answers a comment that is not there")
				+ ImportedSite.comment(104, 0, "Spammer", "Buy").replace("<wp:comment_approved>1", "<wp:comment_approved>spam")
				+ ImportedSite.comment(105, 0, "Dan", "Waiting").replace("<wp:comment_approved>1", "<wp:comment_approved>0")
				+ ImportedSite.comment(106, 0, "Other site", "Pinged").replace("<wp:comment_type>comment",
						"<wp:comment_type>pingback");
		ImportReport report = run(site, site.wxr(site.post(1, "Discussed", "discussed-" + site.key.replace('.', '-'),
				"publish", DATE, "<p>Talk.</p>", comments)));

		Map<String, Object> reply = comment(site, 102);
		assertThat(reply.get("parent_id")).isEqualTo(comment(site, 101).get("id"));
		assertThat(reply).containsEntry("status", "APPROVED").containsEntry("author_name", "Bob");
		assertThat(comment(site, 101).get("body")).isEqualTo("First link (https://example.org)");
		assertThat(comment(site, 103)).containsEntry("parent_id", null);
		assertThat(comment(site, 104)).containsEntry("status", "SPAM");
		assertThat(comment(site, 105)).containsEntry("status", "PENDING");
		assertThat(comment(site, 106)).isEmpty();
		assertThat(report.warnings()).extracting(Note::reason).contains(Reason.MISSING_PARENT);
		assertThat(report.skipped()).extracting(Note::reason).containsExactly(Reason.PINGBACK);
		assertThat(report.count("comments")).isEqualTo(new ImportReport.Count("comments", 6, 5, 0, 1));
	}

	@Test
	void categoriesKeepTheirParentsAndPostsTheirTerms() {
		ImportedSite site = ImportedSite.named("terms");
		String suffix = site.key.replace('.', '-');
		String terms = """
				<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>justice-%1$s</wp:category_nicename>
				  <wp:category_parent></wp:category_parent><wp:cat_name>Justice</wp:cat_name></wp:category>
				<wp:category><wp:term_id>6</wp:term_id><wp:category_nicename>probation-%1$s</wp:category_nicename>
				  <wp:category_parent>justice-%1$s</wp:category_parent><wp:cat_name>Probation</wp:cat_name></wp:category>
				<wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug>courts-%1$s</wp:tag_slug><wp:tag_name>courts</wp:tag_name></wp:tag>
				""".formatted(suffix);
		String postTerms = """
				<category domain="category" nicename="probation-%1$s"><![CDATA[Probation]]></category>
				<category domain="post_tag" nicename="courts-%1$s"><![CDATA[courts]]></category>
				""".formatted(suffix);
		run(site, site.wxr(terms + site.post(1, "Filed", "filed-" + suffix, "publish", DATE, "<p>Filed.</p>", postTerms)));

		Long parent = database.sql("SELECT c.parent_id FROM categories c WHERE c.slug = :slug")
			.bind("slug", "probation-" + suffix)
			.map((row, meta) -> row.get("parent_id", Long.class))
			.one()
			.block();
		Long justice = database.sql("SELECT id FROM categories WHERE slug = :slug")
			.bind("slug", "justice-" + suffix)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
		assertThat(parent).isEqualTo(justice);
		assertThat(post(site, 1)).containsEntry("tag_names", "courts");
		assertThat(database.sql("SELECT count(*) FROM post_categories WHERE post_id = :id")
			.bind("id", post(site, 1).get("id"))
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	@Test
	void authorsBecomeDisabledStaffWithoutPasswordsAndAnExistingAccountIsReused() {
		ImportedSite site = ImportedSite.named("authors");
		database.sql("INSERT INTO users (email, display_name, slug, role) VALUES (:email, 'Already Here', :slug, 'EDITOR')")
			.bind("email", "writer@" + site.key)
			.bind("slug", "already-" + site.key.replace('.', '-'))
			.fetch()
			.rowsUpdated()
			.block();
		String second = """
				<wp:author><wp:author_id>3</wp:author_id><wp:author_login>newbie</wp:author_login>
				  <wp:author_email>newbie@%s</wp:author_email><wp:author_display_name>New Person</wp:author_display_name>
				  <wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>
				""".formatted(site.key);
		ImportReport report = run(site, site.wxr(second + site.post(1, "Written", "written-" + site.key.replace('.', '-'),
				"publish", DATE, "<p>By Wendy.</p>", "")));

		List<Map<String, Object>> accounts = database
			.sql("SELECT role, enabled, password_hash, display_name FROM users WHERE email LIKE :domain ORDER BY id")
			.bind("domain", "%@" + site.key)
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(accounts).hasSize(2);
		assertThat(accounts.get(0)).containsEntry("display_name", "Already Here").containsEntry("role", "EDITOR");
		assertThat(accounts.get(1)).containsEntry("display_name", "New Person").containsEntry("role", "AUTHOR")
			.containsEntry("enabled", false).containsEntry("password_hash", null);
		assertThat(report.count("authors")).isEqualTo(new ImportReport.Count("authors", 2, 1, 1, 0));
		assertThat(database.sql("SELECT u.display_name FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = :id")
			.bind("id", post(site, 1).get("id"))
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("Already Here");
	}

	@Test
	void withTheUploadsTheFeaturedImageAndInlineImagesMoveToTheMediaLibrary() throws IOException {
		ImportedSite site = ImportedSite.named("media");
		Path uploads = Files.createTempDirectory("uploads-");
		Files.createDirectories(uploads.resolve("2015/03"));
		ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", uploads.resolve("2015/03/cells.png").toFile());
		String image = site.address + "/wp-content/uploads/2015/03/cells.png";
		String missing = site.address + "/wp-content/uploads/2015/03/gone.png";
		String body = "<p>Look <img src=\"" + image + "\" alt=\"Cells\"> and <img src=\"" + missing + "\"></p>";
		String attachment = site.post(20, "cells", "cells", "inherit", DATE, "", "")
			.replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>attachment</wp:post_type>")
			.replace("<wp:status>inherit</wp:status>", "<wp:status>inherit</wp:status><wp:attachment_url>" + image
					+ "</wp:attachment_url>");
		String post = site.post(1, "Illustrated", "illustrated-" + site.key.replace('.', '-'), "publish", DATE, body,
				"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>20</wp:meta_value></wp:postmeta>");
		Path file = site.file(site.wxr(post + attachment));

		ImportReport report = imports.run(new ImportRequest(file, "media.xml", uploads, null), progress -> {
		}).block();

		Map<String, Object> imported = post(site, 1);
		assertThat((String) imported.get("cover_image")).startsWith("/media/cells-").endsWith(".png");
		assertThat((String) imported.get("body_html")).contains("src=\"" + imported.get("cover_image") + "\"")
			.contains(missing);
		assertThat(report.warnings()).filteredOn(note -> note.reason() == Reason.MISSING_MEDIA)
			.extracting(Note::detail)
			.anySatisfy(detail -> assertThat(detail).contains("gone.png"));
		// Stored once, however often it is named: the second import finds it.
		imports.run(new ImportRequest(file, "media.xml", uploads, null), progress -> {
		}).block();
		assertThat(database.sql("SELECT count(*) FROM wordpress_media WHERE site = :site")
			.bind("site", site.key)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	@Test
	void theUploadsMayBeAZipOfWpContent() throws IOException {
		ImportedSite site = ImportedSite.named("zipped");
		Path zip = Files.createTempFile("uploads-", ".zip");
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
			out.putNextEntry(new java.util.zip.ZipEntry("wp-content/uploads/2016/07/court.png"));
			ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png", out);
			out.closeEntry();
			out.putNextEntry(new java.util.zip.ZipEntry("wp-content/uploads/2016/07/notes.png"));
			out.write("not an image at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
		}
		String court = site.address + "/wp-content/uploads/2016/07/court.png";
		String notes = site.address + "/wp-content/uploads/2016/07/notes.png";
		Path file = site.file(site.wxr(site.post(1, "Zipped", "zipped-" + site.key.replace('.', '-'), "publish", DATE,
				"<p><img src=\"" + court + "\"> <img src=\"" + notes + "\"></p>", "")));

		ImportReport report = imports.run(new ImportRequest(file, "zipped.xml", zip, null), progress -> {
		}).block();

		assertThat((String) post(site, 1).get("body_html")).contains("/media/court-").contains(notes);
		assertThat(report.warnings()).filteredOn(note -> note.reason() == Reason.MISSING_MEDIA)
			.extracting(Note::detail)
			.singleElement()
			.satisfies(detail -> assertThat(detail).contains("notes.png").contains("not an image"));
	}

	@Test
	void withoutTheUploadsImagesKeepTheirAddressesAndAreListed() {
		ImportedSite site = ImportedSite.named("nomedia");
		String image = site.address + "/wp-content/uploads/2015/03/cells.png";
		ImportReport report = run(site, site.wxr(site.post(1, "Pictured", "pictured-" + site.key.replace('.', '-'),
				"publish", DATE, "<p><img src=\"" + image + "\"></p>\n\n[mystery id=1]", "")));

		assertThat((String) post(site, 1).get("body_html")).contains(image);
		assertThat(report.warnings()).extracting(Note::reason).contains(Reason.MISSING_MEDIA, Reason.UNKNOWN_SHORTCODE);
	}

	@Test
	void withoutTheUploadsAFeaturedImageAtAnAddressThatIsNotHttpsIsLeftOutAndReported() {
		ImportedSite site = ImportedSite.named("plaincover");
		String image = site.address + "/wp-content/uploads/2015/03/cells.png";
		String attachment = site.post(20, "cells", "cells", "inherit", DATE, "", "")
			.replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>attachment</wp:post_type>")
			.replace("<wp:status>inherit</wp:status>", "<wp:status>inherit</wp:status><wp:attachment_url>" + image
					+ "</wp:attachment_url>");
		String post = site.post(1, "Plain cover", "plain-cover-" + site.key.replace('.', '-'), "publish", DATE, "<p>Text</p>",
				"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>20</wp:meta_value></wp:postmeta>");

		ImportReport report = run(site, site.wxr(post + attachment));

		assertThat(image).startsWith("http://");
		assertThat(post(site, 1).get("cover_image")).isNull();
		assertThat(report.warnings()).filteredOn(note -> note.reason() == Reason.MISSING_MEDIA)
			.extracting(Note::detail)
			.anySatisfy(detail -> assertThat(detail).contains("featured image is left out").contains(image));
	}

	private ImportReport run(ImportedSite site, String wxr) {
		Path file = site.file(wxr);
		return imports.run(new ImportRequest(file, site.key + ".xml", null, null), progress -> {
		}).block();
	}

	private Map<String, Object> post(ImportedSite site, long wordPressId) {
		return database.sql("""
				SELECT p.* FROM wordpress_items i JOIN posts p ON p.id = i.local_id
				WHERE i.site = :site AND i.kind = 'post' AND i.wp_id = :id""")
			.bind("site", site.key)
			.bind("id", wordPressId)
			.fetch()
			.one()
			.defaultIfEmpty(Map.of())
			.map(row -> {
				Map<String, Object> copy = new java.util.HashMap<>(row);
				copy.computeIfPresent("published_at", (key, value) -> value.toString());
				return copy;
			})
			.block();
	}

	private Map<String, Object> comment(ImportedSite site, long wordPressId) {
		return database.sql("""
				SELECT c.* FROM wordpress_items i JOIN comments c ON c.id = i.local_id
				WHERE i.site = :site AND i.kind = 'comment' AND i.wp_id = :id""")
			.bind("site", site.key)
			.bind("id", wordPressId)
			.fetch()
			.one()
			.defaultIfEmpty(Map.of())
			.block();
	}
}
