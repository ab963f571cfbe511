package org.drugsandcrime.blog.core.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.drugsandcrime.blog.core.media.MediaProperties;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.user.ForcedPasswordChange;
import org.drugsandcrime.blog.core.user.PasswordHashing;
import org.drugsandcrime.blog.core.user.PasswordPolicy;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first admin: its password, generated or from the environment, never reaches the log; a generated one is in a
 * file only its owner reads; either must be changed at the first sign-in; an environment password that breaks the
 * policy stops the start with a message saying why. Other test classes share this JVM's database, so each test
 * empties it first, as {@link DemoContentTests} does.
 */
@BlogTest(properties = { "blog.demo.content=true", "blog.admin.password-file=target/first-admin-password" })
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTests {

	static final String FROM_ENVIRONMENT = "a first admin passphrase from the environment";

	@Autowired
	DemoProperties demo;

	@Autowired
	MediaProperties media;

	@Autowired
	DatabaseClient database;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	StaffUserRepository users;

	@Autowired
	PostEditing posts;

	@Autowired
	PageEditing pages;

	@Autowired
	Redirects redirects;

	@Autowired
	GeneratedPosts generated;

	@Autowired
	Clock clock;

	@Autowired
	PasswordPolicy policy;

	@Autowired
	ForcedPasswordChange forced;

	@BeforeEach
	void emptyDatabase() {
		database.sql("TRUNCATE posts, comments, post_categories, post_tags, categories, tags, series, redirects, "
				+ "navigation_items, subscribers, pages, post_revisions, audit_log, media, users CASCADE").fetch().rowsUpdated().block();
	}

	@Test
	void aGeneratedPasswordIsWrittenToAFileOnlyItsOwnerReadsAndNeverToTheOutput(CapturedOutput output) throws Exception {
		Path file = Path.of("target", "first-admin-" + System.nanoTime());
		demo(null, null, file).ensureFirstAdmin().block();

		String password = Files.readString(file).strip();
		assertThat(password).hasSizeGreaterThanOrEqualTo(PasswordPolicy.MIN_LENGTH);
		assertThat(policy.problem(password, "admin@example.org")).isEmpty();
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
		StaffUser admin = users.findByEmail("admin@example.org").block();
		assertThat(PasswordHashing.encoder().matches(password, admin.passwordHash())).isTrue();
		assertThat(forced.isDue(admin.email()).block()).as("changed at the first sign-in").isTrue();
		assertThat(output.getAll()).doesNotContain(password).contains(file.toAbsolutePath().toString());
	}

	@Test
	void anEnvironmentPasswordMustBeChangedAtTheFirstSignInAndNeverReachesTheOutput(CapturedOutput output) {
		String email = "first" + System.nanoTime() + "@example.org";
		demo(email, FROM_ENVIRONMENT, null).ensureFirstAdmin().block();

		StaffUser admin = users.findByEmail(email).block();
		assertThat(PasswordHashing.encoder().matches(FROM_ENVIRONMENT, admin.passwordHash())).isTrue();
		assertThat(forced.isDue(email).block()).isTrue();
		assertThat(output.getAll()).contains(email).doesNotContain(FROM_ENVIRONMENT);
	}

	@Test
	void anEnvironmentPasswordThatBreaksThePolicyStopsTheStartAndSaysWhy(CapturedOutput output) {
		String email = "weak" + System.nanoTime() + "@example.org";
		assertThatThrownBy(() -> demo(email, "1q2w3e4r5t6y", null).ensureFirstAdmin().block())
			.hasMessageContaining("BLOG_ADMIN_PASSWORD cannot be used").hasMessageContaining("most used")
			.hasMessageNotContaining("1q2w3e4r5t6y");
		assertThatThrownBy(() -> demo(email, "short", null).ensureFirstAdmin().block()).hasMessageContaining("at least 12");
		assertThat(users.findByEmail(email).block()).isNull();
		assertThat(output.getAll()).doesNotContain("1q2w3e4r5t6y");
	}

	private DemoContent demo(String email, String password, Path file) {
		return new DemoContent(demo, new FirstAdminProperties(email, password, file), media, database, transaction, users, posts,
				pages, redirects, generated, clock, policy, forced);
	}
}
