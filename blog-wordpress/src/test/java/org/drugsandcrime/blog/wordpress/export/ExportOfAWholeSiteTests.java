package org.drugsandcrime.blog.wordpress.export;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.SeparateSite;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.WP;
import static org.drugsandcrime.blog.wordpress.export.ExportedFile.children;

/** A site of its own, exported: exactly its things are in the file, counted, and nothing else. */
class ExportOfAWholeSiteTests {

	static SeparateSite site;

	@BeforeAll
	static void startSite() {
		site = SeparateSite.start("export");
	}

	@AfterAll
	static void stopSite() {
		site.close();
	}

	@Test
	void theFileHoldsExactlyTheSitesPostsPagesAuthorsTermsAndComments() {
		Posts posts = new Posts(site.bean(PostEditing.class), site.bean(PostPublishing.class),
				site.bean(StaffUserRepository.class));
		DatabaseClient database = site.bean(DatabaseClient.class);
		StaffUser writer = posts.author("Sarah Clarke");
		StaffUser other = posts.author("Jim Brown");
		posts.author("Never Wrote");
		Post first = posts.draft("First").by(writer).category("On Probation").tag("courts").tag("budgets").publish();
		posts.draft("Second").by(other).category("Payment by Results").save();
		Post thrown = posts.draft("Thrown away").by(other).tag("doncaster").publish();
		site.bean(Trash.class).trashPost(thrown.getId()).block();
		database.sql("INSERT INTO pages (slug, title, body_html, status, author_id, created_at, updated_at) "
				+ "VALUES ('about', 'About', '<p>Us</p>', 'PUBLISHED', :author, now(), now())")
			.bind("author", writer.id())
			.fetch()
			.rowsUpdated()
			.block();
		for (String status : new String[] { "APPROVED", "PENDING", "SPAM" }) {
			database.sql("INSERT INTO comments (post_id, author_name, author_email, body, status, created_at) "
					+ "VALUES (:post, 'Reader', 'reader@example.org', 'Agreed.', :status, now())")
				.bind("post", first.getId())
				.bind("status", status)
				.fetch()
				.rowsUpdated()
				.block();
		}

		ExportedFile file = ExportedFile.of(site.bean(WordPressExport.class).export());

		assertThat(file.items("post")).hasSize(2);
		assertThat(file.items("page")).hasSize(1);
		assertThat(file.all(WP, "author")).as("those who wrote something that is exported").hasSize(2);
		assertThat(file.all(WP, "category")).hasSize(2);
		assertThat(file.all(WP, "tag")).as("every tag of the site, the trashed post's too").hasSize(3);
		assertThat(file.items().stream().mapToInt(item -> children(item, WP, "comment").size()).sum()).isEqualTo(3);
	}
}
