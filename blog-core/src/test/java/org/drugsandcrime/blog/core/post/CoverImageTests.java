package org.drugsandcrime.blog.core.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cover image is an upload of this blog or an https:// address, in the editor's rule and in the database alike. */
@BlogTest
class CoverImageTests {

	static final List<String> ALLOWED = List.of("/media/chart-1a2b3c4d.png", "/media/demo/probation-cover.svg",
			"/media/пробация-1a2b3c4d.jpg", "https://images.example.org/cover.jpg",
			"https://cdn.example.org:8443/a/b.png?w=1200&h=630#top", "https://example.org", "https://x.example/%E2%9C%93.png");

	static final List<String> REFUSED = List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:image/png;base64,AAAA",
			"http://tracker.example/pixel.gif", "//tracker.example/pixel.gif", "HTTPS://example.org/a.png",
			"https://user:secret@example.org/a.png", "https://user@example.org/a.png", "https://example.org /a.png",
			"https://example.org/a.png\n", "https://example.org/a\u202e.png", "https://example.org/a\u200b.png",
			"https://example.org/a\".png", "https://example.org/<script>", "https://example.org\\@evil.example/",
			"https://-example.org/", "https://", "/media/", "/media/../etc/passwd", "/media/.hidden.png", "/media/a//b.png",
			"/media/a.png?x=1", "/media/a%2e%2e/b.png", "/media", "/uploads/a.png", "media/a.png", "cover.png",
			"https://example.org/" + "a".repeat(CoverImage.MAX_LENGTH));

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	PostRepository repository;

	@Autowired
	DatabaseClient database;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void aCoverIsAnUploadOrAnHttpsAddressAndNothingElse() {
		assertThat(ALLOWED).allMatch(CoverImage::allowed);
		assertThat(REFUSED).noneMatch(CoverImage::allowed);
		assertThat(CoverImage.allowed(null)).isTrue();
	}

	@Test
	void theDatabaseKeepsTheSameRuleAsTheEditor() {
		List<String> corpus = new ArrayList<>(ALLOWED);
		corpus.addAll(REFUSED);
		for (String address : corpus) {
			assertThat(database.sql("SELECT cover_image_allowed(:address) AS allowed")
				.bind("address", address)
				.map((row, meta) -> row.get("allowed", Boolean.class))
				.one()
				.block()).as(address).isEqualTo(CoverImage.allowed(address));
		}
	}

	@Test
	void aBadCoverIsRefusedWithAReasonAndNothingIsSaved() {
		assertThatThrownBy(() -> posts.draft("A javascript cover").cover("javascript:alert(document.cookie)").save())
			.isInstanceOf(InvalidPostException.class)
			.hasMessage("A cover image is an image from the library (/media/…) or an https:// address of an image.");
		assertThat(repository.findBySlug("a-javascript-cover").block()).isNull();
		assertThatThrownBy(() -> posts.draft("A tracker cover").cover("http://tracker.example/p.gif").save())
			.hasMessage("A cover image from another site must be an https:// address.");
		assertThatThrownBy(() -> posts.draft("A cover with a password").cover("https://me:pw@example.org/a.png").save())
			.hasMessage("A cover image address cannot carry a user name or password.");
		assertThatThrownBy(() -> posts.draft("A cover with a space").cover("https://example.org/a b.png").save())
			.hasMessage("A cover image address cannot hold spaces, line breaks or invisible characters.");
	}

	@Test
	void aGoodCoverIsKeptWithoutTheWhiteSpaceAroundIt() {
		assertThat(posts.draft("A library cover").cover("  /media/chart-1a2b3c4d.png ").save().getCoverImage())
			.isEqualTo("/media/chart-1a2b3c4d.png");
		assertThat(posts.draft("No cover at all").cover("  ").save().getCoverImage()).isNull();
	}

	@Test
	void theDatabaseRefusesABadCoverFromAWriterThatSkipsTheEditor() {
		Post post = posts.draft("Written around the editor").save();
		assertThatThrownBy(() -> database.sql("UPDATE posts SET cover_image = 'javascript:alert(1)' WHERE id = :id")
			.bind("id", post.getId())
			.fetch()
			.rowsUpdated()
			.block()).isInstanceOf(DataIntegrityViolationException.class);
	}

	/**
	 * V82 as it ran on a database with covers from before the rule: the constraint is lifted for this test so that such
	 * rows can exist, then the migration's own statements run again.
	 */
	@Test
	void coversStoredBeforeTheRuleAreWrittenToTheAuditLogAndClearedAndGoodOnesStay() throws IOException {
		Post bad = posts.draft("A cover from before the rule").save();
		Post good = posts.draft("A good cover from before the rule").cover("/media/demo/probation-cover.svg").save();
		String migration = new ClassPathResource("db/migration/V82__cover_image_rule.sql").getContentAsString(StandardCharsets.UTF_8);
		List<String> statements = List.of(migration.substring(migration.indexOf("INSERT INTO audit_log")).split(";\\s*\\n"));
		execute("ALTER TABLE posts DROP CONSTRAINT posts_cover_image_allowed");
		try {
			execute("UPDATE posts SET cover_image = 'javascript:alert(1)' WHERE id = " + bad.getId());
			statements.stream().filter(sql -> !sql.isBlank()).forEach(this::execute);
		}
		finally {
			if (!constraintExists()) {
				execute("UPDATE posts SET cover_image = NULL WHERE NOT cover_image_allowed(cover_image)");
				execute("ALTER TABLE posts ADD CONSTRAINT posts_cover_image_allowed CHECK (cover_image_allowed(cover_image))");
			}
		}
		assertThat(repository.findById(bad.getId()).block().getCoverImage()).isNull();
		assertThat(repository.findById(good.getId()).block().getCoverImage()).isEqualTo("/media/demo/probation-cover.svg");
		assertThat(database.sql("SELECT detail FROM audit_log WHERE action = 'post.cover-cleared' AND item_id = :id")
			.bind("id", bad.getId().toString())
			.map((row, meta) -> row.get("detail", String.class))
			.all()
			.collectList()
			.block()).singleElement().asString().endsWith(": javascript:alert(1)");
		assertThat(constraintExists()).isTrue();
	}

	private void execute(String sql) {
		database.sql(sql).fetch().rowsUpdated().block();
	}

	private boolean constraintExists() {
		return database.sql("SELECT count(*) FROM pg_constraint WHERE conname = 'posts_cover_image_allowed'")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block() == 1;
	}
}
