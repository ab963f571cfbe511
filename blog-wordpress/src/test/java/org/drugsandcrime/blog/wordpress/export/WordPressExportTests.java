package org.drugsandcrime.blog.wordpress.export;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.CONTENT;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.DC;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.EXCERPT;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.WP;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.children;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.text;

/**
 * The export as WordPress's importer reads it. The test database is shared by every test class of the JVM, so counts
 * are compared with what the database holds at the time, and the posts a test made are found by their guid.
 */
@BlogTest(properties = { "blog.demo.content=false", "blog.base-url=https://blog.example.org/" })
class WordPressExportTests {

	@Autowired
	WordPressExport export;

	@Autowired
	DatabaseClient database;

	@Autowired
	MutableClock clock;

	@Autowired
	Trash trash;

	Posts posts;

	@BeforeEach
	void setUp(@Autowired PostEditing editing, @Autowired PostPublishing publishing, @Autowired StaffUserRepository users) {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void theWholeSiteIsOneWellFormedWxrFileWithEveryPostPageAuthorAndTerm() {
		StaffUser author = posts.author("Sarah Clarke");
		Post published = posts.draft("Payment by results, five years on").by(author).category("On Probation")
			.tag("commissioning").publish();
		posts.draft("A draft nobody has seen").by(author).save();
		Post trashed = posts.draft("Thrown away").by(author).publish();
		trash.trashPost(trashed.getId()).block();
		database.sql("INSERT INTO pages (slug, title, body_markdown, body_html, status, author_id, created_at, updated_at) "
				+ "VALUES ('about-" + published.getId() + "', 'About', 'Us', '<p>Us</p>', 'PUBLISHED', :author, now(), now())")
			.bind("author", author.id())
			.fetch()
			.rowsUpdated()
			.block();

		ExportedFile file = ExportedFile.of(export.export());

		Element channel = file.channel();
		assertThat(text(channel, WP, "wxr_version")).isEqualTo("1.2");
		assertThat(text(channel, WP, "base_site_url")).isEqualTo("https://blog.example.org");
		assertThat(text(channel, WP, "base_blog_url")).isEqualTo("https://blog.example.org");
		assertThat(text(channel, null, "link")).isEqualTo("https://blog.example.org");
		assertThat(text(channel, null, "title")).isNotBlank();
		assertThat(file.items("post")).hasSize(count("SELECT count(*) AS n FROM posts WHERE trashed_at IS NULL"));
		assertThat(file.items("page")).hasSize(count("SELECT count(*) AS n FROM pages WHERE trashed_at IS NULL"));
		assertThat(file.all(WP, "category")).hasSize(count("SELECT count(*) AS n FROM categories"));
		assertThat(file.all(WP, "tag")).hasSize(count("SELECT count(*) AS n FROM tags"));
		assertThat(file.item(trashed.getGuid())).as("a trashed post").isNull();
		assertThat(file.items().stream().map(item -> text(item, WP, "post_id")).distinct())
			.as("WordPress keeps posts and pages in one table: their numbers must differ")
			.hasSize(file.items().size());

		Element author1 = file.all(WP, "author").stream()
			.filter(element -> author.slug().equals(text(element, WP, "author_login")))
			.findFirst()
			.orElseThrow();
		assertThat(text(author1, WP, "author_email")).isEqualTo(author.email());
		assertThat(text(author1, WP, "author_display_name")).isEqualTo("Sarah Clarke");
		assertThat(file.all(WP, "author").stream().map(element -> text(element, WP, "author_login")))
			.as("every item's creator is among the authors")
			.containsAll(file.items("post").stream().map(item -> text(item, DC, "creator")).distinct().toList());

		Element item = file.item(published.getGuid());
		assertThat(text(item, null, "title")).isEqualTo("Payment by results, five years on");
		assertThat(text(item, null, "link")).isEqualTo("https://blog.example.org/posts/" + published.getSlug());
		assertThat(children(item, null, "guid").get(0).getAttribute("isPermaLink")).isEqualTo("false");
		assertThat(text(item, DC, "creator")).isEqualTo(author.slug());
		assertThat(text(item, CONTENT, "encoded")).contains("<p>A paragraph about payment by results");
		assertThat(text(item, WP, "status")).isEqualTo("publish");
		assertThat(text(item, WP, "post_type")).isEqualTo("post");
		assertThat(text(item, WP, "post_name")).isEqualTo(published.getSlug());
		assertThat(text(item, WP, "post_id")).isEqualTo(Long.toString(published.getId()));
		assertThat(terms(item)).containsEntry("category", "on-probation").containsEntry("post_tag", "commissioning");
		Element category = file.all(WP, "category").stream()
			.filter(element -> "on-probation".equals(text(element, WP, "category_nicename")))
			.findFirst()
			.orElseThrow();
		assertThat(text(category, WP, "cat_name")).isEqualTo("On Probation");
	}

	@Test
	void categoriesNameTheirParentAndComeAfterIt() {
		long n = System.nanoTime();
		long child = database.sql("INSERT INTO categories (slug, name) VALUES (:slug, 'Payment by results') RETURNING id")
			.bind("slug", "pbr-" + n)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
		long parent = database.sql("INSERT INTO categories (slug, name) VALUES (:slug, 'Probation') RETURNING id")
			.bind("slug", "probation-" + n)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
		database.sql("UPDATE categories SET parent_id = :parent WHERE id = :child")
			.bind("parent", parent)
			.bind("child", child)
			.fetch()
			.rowsUpdated()
			.block();

		List<String> slugs = ExportedFile.of(export.export()).all(WP, "category").stream()
			.map(category -> text(category, WP, "category_nicename") + "<" + text(category, WP, "category_parent"))
			.toList();

		assertThat(slugs).contains("probation-" + n + "<", "pbr-" + n + "<probation-" + n);
		assertThat(slugs.indexOf("probation-" + n + "<")).as("the parent, made later, comes first")
			.isLessThan(slugs.indexOf("pbr-" + n + "<probation-" + n));
	}

	@Test
	void statesDatesStickinessAndExcerptsAreWordPresssOwn() {
		clock.set(Instant.parse("2026-07-01T09:30:00Z"));
		try {
			StaffUser author = posts.author("Jim Brown");
			Post live = posts.draft("Summer post").by(author).excerpt("Our own words for the list.").featured().publish();
			Post draft = posts.draft("Not yet").by(author).save();
			Post scheduled = posts.draft("Next week").by(author).scheduleIn(clock.instant(), Duration.ofDays(7));

			ExportedFile file = ExportedFile.of(export.export());

			Element item = file.item(live.getGuid());
			assertThat(text(item, WP, "status")).isEqualTo("publish");
			assertThat(text(item, WP, "is_sticky")).isEqualTo("1");
			assertThat(text(item, EXCERPT, "encoded")).isEqualTo("Our own words for the list.");
			assertThat(text(item, WP, "post_date_gmt")).isEqualTo("2026-07-01 09:30:00");
			assertThat(text(item, WP, "post_date")).as("local time, London in summer").isEqualTo("2026-07-01 10:30:00");
			assertThat(text(item, null, "pubDate")).isEqualTo("Wed, 01 Jul 2026 09:30:00 +0000");

			Element unwritten = file.item(draft.getGuid());
			assertThat(text(unwritten, WP, "status")).isEqualTo("draft");
			assertThat(text(unwritten, WP, "post_date_gmt")).isEqualTo("0000-00-00 00:00:00");
			assertThat(text(unwritten, WP, "is_sticky")).isEqualTo("0");
			assertThat(text(unwritten, EXCERPT, "encoded")).as("an excerpt made from the body is not WordPress's").isEmpty();

			assertThat(text(file.item(scheduled.getGuid()), WP, "status")).isEqualTo("future");
			assertThat(text(file.item(scheduled.getGuid()), WP, "post_date_gmt")).isEqualTo("2026-07-08 09:30:00");

			clock.set(Instant.parse("2026-07-09T00:00:00Z"));
			assertThat(text(ExportedFile.of(export.export()).item(scheduled.getGuid()), WP, "status"))
				.as("a scheduled post whose time has come is out")
				.isEqualTo("publish");
		}
		finally {
			clock.set(Instant.now());
		}
	}

	@Test
	void commentsComeWithTheirPostInWordPresssStatesAndThreads() {
		Post post = posts.draft("Talked about").publish();
		long first = comment(post, null, "Lisa Jackson", "APPROVED", "First!");
		long reply = comment(post, first, "Carol Hill", "PENDING", "Replying to Lisa");
		comment(post, null, "Cheap pills", "SPAM", "Buy now");
		comment(post, null, "Removed", "TRASH", "Gone");

		Element item = ExportedFile.of(export.export()).item(post.getGuid());

		List<Element> comments = children(item, WP, "comment");
		assertThat(comments).extracting(c -> text(c, WP, "comment_author"))
			.containsExactly("Lisa Jackson", "Carol Hill", "Cheap pills", "Removed");
		assertThat(comments).extracting(c -> text(c, WP, "comment_approved")).containsExactly("1", "0", "spam", "trash");
		assertThat(comments).extracting(c -> text(c, WP, "comment_parent"))
			.containsExactly("0", Long.toString(first), "0", "0");
		assertThat(text(comments.get(1), WP, "comment_id")).isEqualTo(Long.toString(reply));
		assertThat(text(comments.get(0), WP, "comment_author_email")).isEqualTo("lisa.jackson@example.org");
		assertThat(text(comments.get(0), WP, "comment_author_url")).isEqualTo("https://example.net/~lisa/");
		assertThat(text(comments.get(0), WP, "comment_content")).isEqualTo("First!");
		assertThat(text(comments.get(0), WP, "comment_date_gmt")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
	}

	@Test
	void wordsThatLookLikeMarkupCdataEndsAndOtherScriptsSurvive() {
		String title = "Fish & chips <script>alert(1)</script> ]]> \"quoted\" — Café Ōsaka العدالة 🚔";
		String category = "Drugs ]]> & <Crime>";
		Post post = posts.draft(title).category(category).tag("R&D <b>").excerpt("Less than < and ]]> in an excerpt").publish();
		comment(post, null, "Zoë <Admin> & co", "APPROVED", "a < b && c ]]> d\n\nSecond paragraph");

		ExportedFile file = ExportedFile.of(export.export());

		assertThat(file.text()).as("WordPress's own way to split a CDATA section").contains("]]]]><![CDATA[>");
		Element item = file.item(post.getGuid());
		assertThat(text(item, null, "title")).isEqualTo(title);
		assertThat(text(item, EXCERPT, "encoded")).isEqualTo("Less than < and ]]> in an excerpt");
		assertThat(children(item, null, "category")).extracting(Element::getTextContent).contains(category, "R&D <b>");
		Element comment = children(item, WP, "comment").get(0);
		assertThat(text(comment, WP, "comment_author")).isEqualTo("Zoë <Admin> & co");
		assertThat(text(comment, WP, "comment_content"))
			.as("a reader's comment is text; WordPress reads comment_content as HTML, so it is escaped")
			.isEqualTo("a &lt; b &amp;&amp; c ]]&gt; d\n\nSecond paragraph");
	}

	private long comment(Post post, Long parent, String author, String status, String body) {
		String email = author.toLowerCase().replaceAll("[^a-z]+", ".").replaceAll("^\\.|\\.$", "") + "@example.org";
		return database.sql("""
				INSERT INTO comments (post_id, parent_id, author_name, author_email, author_website, body, status, created_at)
				VALUES (:post, :parent, :author, :email, 'https://example.net/~lisa/', :body, :status, :at) RETURNING id
				""")
			.bind("post", post.getId())
			.bind("parent", Parameter.fromOrEmpty(parent, Long.class))
			.bind("author", author)
			.bind("email", email)
			.bind("body", body)
			.bind("status", status)
			.bind("at", clock.instant())
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
	}

	private static Map<String, String> terms(Element item) {
		return children(item, null, "category").stream()
			.collect(Collectors.toMap(term -> term.getAttribute("domain"), term -> term.getAttribute("nicename"),
					(a, b) -> a + "," + b));
	}

	private int count(String sql) {
		return database.sql(sql).map((row, meta) -> row.get("n", Long.class)).one().block().intValue();
	}
}
