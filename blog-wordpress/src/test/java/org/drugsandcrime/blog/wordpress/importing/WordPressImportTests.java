package org.drugsandcrime.blog.wordpress.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.wordpress.importing.ImportReport.Count;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole files imported into the real database: the sample completely, a second time without a change, a stopped
 * import resumed, and a broken file. Each test imports under a site of its own ({@link ImportedSite}).
 */
@BlogTest
class WordPressImportTests {

	/** Every table an import writes content to; a second import must leave each exactly as it was. */
	private static final List<String> CONTENT_TABLES = List.of("users", "categories", "tags", "posts",
			"post_categories", "post_tags", "pages", "comments", "redirects", "media", "wordpress_items",
			"wordpress_media");

	@Autowired
	WordPressImport imports;

	@Autowired
	DatabaseClient database;

	@Test
	void theSampleImportsCompletelyPostsPagesCommentsWithTheirParentsCategoriesAndTags() throws IOException {
		ImportedSite site = ImportedSite.named("sample");
		Path file = site.sample();
		InFile inFile = InFile.of(file);

		ImportReport report = imports.run(request(file), progress -> {
		}).block();

		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN posts p ON p.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'post'", site)).isEqualTo(inFile.posts).isEqualTo(50);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN pages p ON p.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'page'", site)).isEqualTo(inFile.pages).isEqualTo(2);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN comments c ON c.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'comment'", site)).isEqualTo(inFile.comments);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN comments c ON c.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'comment' AND c.parent_id IS NOT NULL", site))
			.isEqualTo(inFile.replies)
			.isPositive();
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN categories c ON c.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'category'", site)).isEqualTo(inFile.categories);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN tags t ON t.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'tag'", site)).isEqualTo(inFile.tags);
		// Each reply's parent is the comment WordPress said it answered.
		assertThat(count("""
				SELECT count(*) FROM wordpress_items i JOIN comments c ON c.id = i.local_id
				JOIN wordpress_items pi ON pi.site = i.site AND pi.kind = 'comment' AND pi.local_id = c.parent_id
				WHERE i.site = :site AND i.kind = 'comment'""", site)).isEqualTo(inFile.replies);
		// Each post is in the categories and tags the file gives it.
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN post_categories pc ON pc.post_id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'post'", site)).isEqualTo(inFile.postCategories);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN post_tags pt ON pt.post_id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'post'", site)).isEqualTo(inFile.postTags);
		// Feed readers see the posts they already had: the guid is WordPress's.
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN posts p ON p.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'post' AND p.guid LIKE :prefix", site, site.address + "/%"))
			.isEqualTo(50);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN posts p ON p.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'post' AND p.status = 'PUBLISHED' AND p.announced_at IS NOT NULL "
				+ "AND NOT p.email_subscribers AND length(p.body_html) > 0 AND length(p.body_text) > 0", site))
			.isEqualTo(50);

		assertThat(report.count("posts")).isEqualTo(new Count("posts", 50, 50, 0, 0));
		assertThat(report.count("pages")).isEqualTo(new Count("pages", 2, 2, 0, 0));
		assertThat(report.count("comments")).isEqualTo(new Count("comments", inFile.comments, inFile.comments, 0, 0));
		assertThat(report.count("authors").inFile()).isEqualTo(2);
	}

	@Test
	void importingTheSameFileAgainChangesNoRow() {
		ImportedSite site = ImportedSite.named("twice");
		Path file = site.sample();
		imports.run(request(file), progress -> {
		}).block();
		Map<String, String> before = snapshot();

		ImportReport again = imports.run(request(file), progress -> {
		}).block();

		assertThat(snapshot()).isEqualTo(before);
		assertThat(again.count("posts")).isEqualTo(new Count("posts", 50, 0, 50, 0));
		assertThat(again.count("comments").imported()).isZero();
		assertThat(again.count("comments").already()).isEqualTo(again.count("comments").inFile());
	}

	@Test
	void anImportStoppedHalfWayCompletesWithoutDuplicatesWhenRunAgain() throws InterruptedException {
		ImportedSite site = ImportedSite.named("resumed");
		Path file = site.generated(500, 1500);
		InFile inFile = InFile.of(file);
		CountDownLatch twoBatches = new CountDownLatch(2);

		// Stopped as a killed process stops: in the middle of a batch, after two were committed.
		Disposable running = imports.run(request(file), progress -> twoBatches.countDown()).subscribe(report -> {
		}, ex -> {
		});
		assertThat(twoBatches.await(2, TimeUnit.MINUTES)).isTrue();
		running.dispose();
		long postsAfterStop = count("SELECT count(*) FROM wordpress_items WHERE site = :site AND kind = 'post'", site);
		assertThat(postsAfterStop).isPositive().isLessThan(inFile.posts);

		ImportReport report = imports.run(request(file), progress -> {
		}).block();

		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN posts p ON p.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'post'", site)).isEqualTo(inFile.posts);
		assertThat(count("SELECT count(*) FROM posts WHERE guid LIKE :prefix", site, site.address + "/%"))
			.isEqualTo(inFile.posts);
		assertThat(count("SELECT count(*) FROM wordpress_items i JOIN comments c ON c.id = i.local_id "
				+ "WHERE i.site = :site AND i.kind = 'comment'", site)).isEqualTo(inFile.comments);
		assertThat(count("SELECT count(*) FROM comments c JOIN wordpress_items i ON i.local_id = c.post_id "
				+ "AND i.kind = 'post' WHERE i.site = :site", site)).isEqualTo(inFile.comments);
		assertThat(report.count("posts").already()).isGreaterThanOrEqualTo(postsAfterStop);
		assertThat(report.count("posts").imported() + report.count("posts").already()).isEqualTo(inFile.posts);
	}

	@Test
	void aFileCutShortLeavesWholeBatchesAndARunMarkedFailedWithAClearMessage() throws IOException {
		ImportedSite site = ImportedSite.named("truncated");
		Path whole = site.generated(500, 1500);
		byte[] bytes = Files.readAllBytes(whole);
		Path cut = site.file(new String(bytes, 0, bytes.length * 2 / 3, java.nio.charset.StandardCharsets.UTF_8));
		List<ImportProgress> progress = new ArrayList<>();

		assertThatThrownBy(() -> imports.run(request(cut), progress::add).block())
			.isInstanceOf(ImportFailedException.class)
			.hasMessageContaining("cut short");

		ImportRun run = imports.recent().filter(each -> each.fileName().equals(cut.getFileName().toString()))
			.blockFirst();
		assertThat(run.state()).isEqualTo(ImportState.FAILED);
		assertThat(run.failure()).contains("cut short");
		assertThat(run.report()).isNotNull();
		assertThat(progress).isNotEmpty();
		// Only whole batches: every imported post has every comment the file gave it, and the run counted them.
		Map<Long, Integer> commentsInFile = InFile.of(whole).commentsByPost;
		List<long[]> imported = database.sql("""
				SELECT i.wp_id, (SELECT count(*) FROM comments c WHERE c.post_id = i.local_id) AS comments
				FROM wordpress_items i WHERE i.site = :site AND i.kind = 'post'""")
			.bind("site", site.key)
			.map((row, meta) -> new long[] { row.get("wp_id", Long.class), row.get("comments", Long.class) })
			.all()
			.collectList()
			.block();
		assertThat(imported).isNotEmpty().hasSizeLessThan(commentsInFile.size());
		for (long[] post : imported) {
			assertThat(post[1]).isEqualTo(commentsInFile.get(post[0]).longValue());
		}
		assertThat(run.report().count("posts").imported()).isEqualTo(imported.size());
	}

	@Test
	void aFileThatIsNotAWordPressExportFailsTheRunWithTheReadersMessage() {
		ImportedSite site = ImportedSite.named("notxml");
		Path file = site.file("this is not XML at all");

		assertThatThrownBy(() -> imports.run(request(file), progress -> {
		}).block()).isInstanceOf(ImportFailedException.class).hasMessageContaining("not a WordPress export");
	}

	@Test
	void startAnswersAtOnceAndTheRunFinishesInTheBackground() {
		ImportedSite site = ImportedSite.named("background");
		ImportRun started = imports.start(request(site.sample())).block();
		assertThat(started.id()).isPositive();

		ImportRun finished = Mono.defer(() -> imports.find(started.id()))
			.filter(run -> run.state() != ImportState.RUNNING)
			.repeatWhenEmpty(200, attempts -> attempts.delayElements(java.time.Duration.ofMillis(100)))
			.block();
		assertThat(finished.state()).isEqualTo(ImportState.FINISHED);
		assertThat(finished.report().count("posts").imported()).isEqualTo(50);
		assertThat(finished.progress().stage()).isEqualTo("Done");
		assertThat(finished.progress().percent()).isEqualTo(100);
	}

	private static ImportRequest request(Path file) {
		return new ImportRequest(file, file.getFileName().toString(), null, null);
	}

	private long count(String sql, ImportedSite site) {
		return database.sql(sql).bind("site", site.key).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	private long count(String sql, ImportedSite site, String prefix) {
		DatabaseClient.GenericExecuteSpec select = database.sql(sql).bind("prefix", prefix);
		if (sql.contains(":site")) {
			select = select.bind("site", site.key);
		}
		return select
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
	}

	/** Row count and checksum of every content table. */
	private Map<String, String> snapshot() {
		Map<String, String> snapshot = new HashMap<>();
		for (String table : CONTENT_TABLES) {
			String order = table.equals("post_categories") ? "post_id, category_id"
					: table.equals("post_tags") ? "post_id, tag_id"
							: table.startsWith("wordpress_items") ? "site, kind, wp_id"
									: table.equals("wordpress_media") ? "site, old_address" : "id";
			snapshot.put(table, database
				.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY " + order + ")), '') FROM "
						+ table + " t")
				.map((row, meta) -> row.get(0, String.class))
				.one()
				.block());
		}
		return snapshot;
	}

	/** What a file holds, counted by reading it. */
	private record InFile(long posts, long pages, long comments, long replies, long categories, long tags,
			long postCategories, long postTags, Map<Long, Integer> commentsByPost) {

		static InFile of(Path file) {
			long posts = 0, pages = 0, comments = 0, replies = 0, categories = 0, tags = 0, postCategories = 0,
					postTags = 0;
			Map<Long, Integer> byPost = new HashMap<>();
			try (InputStream in = Files.newInputStream(file); WxrReader reader = WxrReader.open(in)) {
				for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
					if (entry instanceof WxrCategory) {
						categories++;
					}
					else if (entry instanceof WxrTag) {
						tags++;
					}
					else if (entry instanceof WxrItem item && item.postType().equals("page")) {
						pages++;
					}
					else if (entry instanceof WxrItem item && item.postType().equals("post")) {
						posts++;
						comments += item.comments().size();
						replies += item.comments().stream().filter(comment -> comment.parent() > 0).count();
						byPost.put(item.postId(), item.comments().size());
						postCategories += item.terms().stream().filter(term -> term.domain().equals("category")).count();
						postTags += item.terms().stream().filter(term -> term.domain().equals("post_tag")).count();
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return new InFile(posts, pages, comments, replies, categories, tags, postCategories, postTags, byPost);
		}
	}
}
