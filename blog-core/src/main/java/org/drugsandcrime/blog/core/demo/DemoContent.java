package org.drugsandcrime.blog.core.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.media.MediaProperties;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.PostDraft;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.core.user.ForcedPasswordChange;
import org.drugsandcrime.blog.core.user.PasswordHashing;
import org.drugsandcrime.blog.core.user.PasswordPolicy;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Fills an empty database at start: the first admin account, then either the demo content under
 * {@code classpath:demo/} or N generated posts. Never touches a database that already has posts. Two
 * processes starting together take turns through an advisory lock, so the content is loaded once.
 */
@Component
class DemoContent implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoContent.class);

	private static final long LOCK = 0x626c6f67L; // "blog"

	private final DemoProperties demo;

	private final FirstAdminProperties firstAdmin;

	private final MediaProperties media;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final StaffUserRepository users;

	private final PostEditing posts;

	private final PageEditing pages;

	private final Redirects redirects;

	private final GeneratedPosts generated;

	private final Clock clock;

	private final PasswordPolicy policy;

	private final ForcedPasswordChange forced;

	DemoContent(DemoProperties demo, FirstAdminProperties firstAdmin, MediaProperties media, DatabaseClient database,
			TransactionalOperator transaction, StaffUserRepository users, PostEditing posts, PageEditing pages,
			Redirects redirects, GeneratedPosts generated, Clock clock, PasswordPolicy policy, ForcedPasswordChange forced) {
		this.policy = policy;
		this.forced = forced;
		this.demo = demo;
		this.firstAdmin = firstAdmin;
		this.media = media;
		this.database = database;
		this.transaction = transaction;
		this.users = users;
		this.posts = posts;
		this.pages = pages;
		this.redirects = redirects;
		this.generated = generated;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean generatedPosts = Boolean.TRUE.equals(fill().block(Duration.ofMinutes(30)));
		if (generatedPosts) {
			// Tens of thousands of new rows: vacuumed and analysed now, the planner can use index-only scans (the
			// sitemap index, feed validators) at once instead of after autovacuum's next visit, if it is on at all.
			database.sql("VACUUM (ANALYZE) posts, comments, post_categories, post_tags").fetch().rowsUpdated()
				.block(Duration.ofMinutes(10));
		}
	}

	/** Fills an empty database; answers whether it generated posts (rather than loading the demo or nothing). */
	Mono<Boolean> fill() {
		return database.sql("SELECT pg_advisory_xact_lock(" + LOCK + ")")
			.fetch()
			.rowsUpdated()
			.then(ensureFirstAdmin())
			.then(database.sql("SELECT EXISTS (SELECT 1 FROM posts) AS any").map((row, meta) -> row.get("any", Boolean.class)).one())
			.flatMap(hasPosts -> {
				if (hasPosts) {
					return Mono.just(false);
				}
				if (demo.generatePosts() > 0) {
					return generated.generate(demo.generatePosts()).thenReturn(true);
				}
				// The demo files and images are read while the chain is assembled: off the database's threads.
				return demo.content() ? Mono.defer(this::loadDemo).subscribeOn(Schedulers.boundedElastic()).thenReturn(false)
						: Mono.just(false);
			})
			.as(transaction::transactional);
	}

	/**
	 * The first admin: from the environment, or generated for the demo. Neither password is ever logged or printed:
	 * the generated one goes to a file only its owner can read, and the log names the file. Both must be changed at
	 * the first sign-in, since they were not chosen by the person signing in (or sat in an environment).
	 */
	Mono<Void> ensureFirstAdmin() {
		boolean configured = firstAdmin.email() != null && !firstAdmin.email().isBlank() && firstAdmin.password() != null
				&& !firstAdmin.password().isBlank();
		if (configured) {
			String email = firstAdmin.email().strip();
			return users.findByEmail(email)
				.hasElement()
				.flatMap(exists -> {
					if (exists) {
						return Mono.empty();
					}
					// Refused rather than taken and changed later: until that first sign-in, a weak password would guard an admin.
					Optional<String> problem = policy.problem(firstAdmin.password(), email);
					if (problem.isPresent()) {
						return Mono.error(new IllegalStateException("BLOG_ADMIN_PASSWORD cannot be used for " + email + ": "
								+ problem.get() + " Set another (12 to 128 characters, not the address, not a common password)"
								+ " and start again; it is only for the first sign-in, which asks for a new one."));
					}
					return createAdmin(email, firstAdmin.password())
						.doOnNext(user -> logger.info("Created the admin account " + user.email() + " from BLOG_ADMIN_EMAIL and "
								+ "BLOG_ADMIN_PASSWORD; the first sign-in asks for a new password"));
				})
				.then();
		}
		if (!demo.content() && demo.generatePosts() == 0) {
			return Mono.empty();
		}
		// Drawn here, not where the answer arrives: SecureRandom reads the system's entropy source.
		String password = randomPassword();
		return users.anyAdmin().flatMap(any -> {
			if (any) {
				return Mono.empty();
			}
			Path file = firstAdmin.passwordFile().toAbsolutePath();
			return Mono.fromRunnable(() -> writeOwnerOnly(file, password))
				.subscribeOn(Schedulers.boundedElastic())
				.then(createAdmin("admin@example.org", password))
				.doOnNext(user -> logger.info("Admin login: admin@example.org with the password in " + file
						+ " (readable by this user only; the first sign-in asks for a new one). Set BLOG_ADMIN_EMAIL and "
						+ "BLOG_ADMIN_PASSWORD to choose the account yourself."))
				.then();
		});
	}

	private Mono<StaffUser> createAdmin(String email, String password) {
		return Mono.fromCallable(() -> PasswordHashing.encoder().encode(password))
			.flatMap(hash -> users.save(new StaffUser(null, email, "Editorial team",
					Slugs.fromTitle(email.substring(0, Math.max(1, email.indexOf('@'))), "admin") + "-admin", "", null,
					Role.ADMIN, hash, null, true, clock.instant())))
			.flatMap(user -> forced.require(user.id()).thenReturn(user));
	}

	/** 128 random bits: a password of 22 characters that no list of common ones holds. */
	private static String randomPassword() {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Writes {@code text} to a new {@code file} that only this user may read or write (where the file system allows). */
	static void writeOwnerOnly(Path file, String text) {
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.deleteIfExists(file);
			if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
				File plain = file.toFile();
				plain.setReadable(false, false);
				plain.setWritable(false, false);
				plain.setReadable(true, true);
				plain.setWritable(true, true);
			}
			Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the first admin's password to " + file
					+ "; set BLOG_ADMIN_PASSWORD_FILE to a writable place, or BLOG_ADMIN_EMAIL and BLOG_ADMIN_PASSWORD", ex);
		}
	}

	private Mono<Void> loadDemo() {
		Instant now = clock.instant();
		copyMedia();
		Map<String, Long> authorIds = new HashMap<>();
		Map<String, String> authorEmails = new HashMap<>();
		Map<String, Long> postIds = new HashMap<>();
		Map<String, Instant> postTimes = new HashMap<>();
		Map<String, Long> commentIds = new HashMap<>();
		return site(read("demo/site.md").get(0))
			.thenMany(Flux.fromIterable(read("demo/authors.md")).concatMap(author -> users
				.save(new StaffUser(null, author.get("email"), author.get("name"), author.get("slug"), author.body(),
						author.get("twitter"), Role.valueOf(author.get("role").isBlank() ? "AUTHOR" : author.get("role")),
						null, null, true, now))
				.doOnNext(saved -> {
					authorIds.put(saved.slug(), saved.id());
					authorEmails.put(saved.id().toString(), saved.email());
				})))
			.thenMany(Flux.fromIterable(read("demo/pages/*.md")).concatMap(page -> pages
				.save(null, page.get("title"), page.get("slug"), page.body(), PageStatus.PUBLISHED, null,
						(int) page.number("nav_position", 0), null)))
			.thenMany(Flux.fromIterable(read("demo/posts/*.md")).concatMap(post -> {
				long authorId = authorIds.getOrDefault(post.get("author"), authorIds.values().iterator().next());
				Integer position = post.get("series_position").isBlank() ? null
						: Integer.valueOf(post.get("series_position"));
				// Saved by the blog itself (no editor id): the demo's terms are created whatever its authors' roles.
				return posts
					.save(new PostDraft(null, post.get("title"), post.get("slug"), post.body(), post.get("excerpt"),
							post.list("categories"), post.list("tags"), post.get("series"), position,
							Boolean.parseBoolean(post.get("featured")), post.get("cover"), post.get("seo_description"),
							authorId), null)
					.flatMap(saved -> {
						Instant at = now.minus(Duration.ofMinutes(Math.round(post.number("days_ago", 1) * 24 * 60)));
						String status = switch (post.get("status")) {
							case "draft" -> "DRAFT";
							case "scheduled" -> "SCHEDULED";
							default -> "PUBLISHED";
						};
						postIds.put(saved.getSlug(), saved.getId());
						postTimes.put(saved.getSlug(), at);
						// Demo posts were announced long ago: loading them must not mail anyone.
						return database
							.sql("UPDATE posts SET status = :status, published_at = :at, created_at = :at, updated_at = :at, "
									+ "announced_at = CASE WHEN :status = 'PUBLISHED' THEN :at END WHERE id = :id")
							.bind("status", status)
							.bind("at", at)
							.bind("id", saved.getId())
							.fetch()
							.rowsUpdated();
					});
			}))
			.thenMany(Flux.fromIterable(read("demo/comments.md")).concatMap(comment -> {
				Long postId = postIds.get(comment.get("post"));
				if (postId == null) {
					return Mono.empty();
				}
				Instant at = now.minus(Duration.ofMinutes(Math.round(comment.number("days_ago", 1) * 24 * 60)));
				if (at.isBefore(postTimes.get(comment.get("post")))) {
					at = postTimes.get(comment.get("post")).plus(Duration.ofHours(2));
				}
				Long staffId = authorEmails.entrySet()
					.stream()
					.filter(entry -> entry.getValue().equalsIgnoreCase(comment.get("email")))
					.map(entry -> Long.valueOf(entry.getKey()))
					.findFirst()
					.orElse(null);
				Long parentId = commentIds.get(comment.get("parent"));
				DatabaseClient.GenericExecuteSpec insert = database.sql("""
						INSERT INTO comments (post_id, parent_id, author_name, author_email, author_website, body, status,
						                      user_id, created_at)
						VALUES (:post, :parent, :name, :email, :website, :body, :status, :user, :at) RETURNING id""")
					.bind("post", postId)
					.bind("name", comment.get("name"))
					.bind("email", comment.get("email"))
					.bind("body", comment.body())
					.bind("status", comment.get("status").toUpperCase(java.util.Locale.ROOT))
					.bind("at", at);
				insert = parentId == null ? insert.bindNull("parent", Long.class) : insert.bind("parent", parentId);
				insert = staffId == null ? insert.bindNull("user", Long.class) : insert.bind("user", staffId);
				insert = comment.get("website").isBlank() ? insert.bindNull("website", String.class)
						: insert.bind("website", comment.get("website"));
				return insert.map((row, meta) -> row.get("id", Long.class))
					.one()
					.doOnNext(id -> commentIds.put(comment.get("id"), id));
			}))
			.thenMany(Flux.fromIterable(read("demo/subscribers.md")).concatMap(subscriber -> database
				.sql("INSERT INTO subscribers (email, status, created_at, confirmed_at) VALUES (:email, :status, :at, "
						+ "CASE WHEN :status = 'PENDING' THEN NULL ELSE CAST(:at AS timestamptz) END) ON CONFLICT DO NOTHING")
				.bind("email", subscriber.get("email"))
				.bind("status", subscriber.get("status").toUpperCase(java.util.Locale.ROOT))
				.bind("at", now)
				.fetch()
				.rowsUpdated()))
			.thenMany(Flux.fromIterable(read("demo/redirects.md"))
				.concatMap(redirect -> redirects.record(redirect.get("from"), redirect.get("to"))))
			.then(navigation())
			.doOnSuccess(done -> logger.info("Loaded the demo content: " + postIds.size() + " posts"));
	}

	private Mono<Void> site(DemoRecord site) {
		return database.sql("UPDATE site_settings SET title = :title, tagline = :tagline, description = :description, "
				+ "contact_email = :email, contact_details = :details, posts_per_page = :perPage, updated_at = :at WHERE id = 1")
			.bind("title", site.get("title"))
			.bind("tagline", site.get("tagline"))
			.bind("description", site.get("description"))
			.bind("email", site.get("contact_email"))
			.bind("details", site.get("contact_details"))
			.bind("perPage", (int) site.number("posts_per_page", 10))
			.bind("at", clock.instant())
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** The header menu of the seed blog: its pages and its main categories. */
	private Mono<Void> navigation() {
		return database.sql("""
				INSERT INTO navigation_items (label, url, position)
				SELECT title, '/pages/' || slug, nav_position FROM pages WHERE nav_position IS NOT NULL AND nav_position > 0
				UNION ALL
				SELECT name, '/category/' || slug, 10 + row_number() OVER (ORDER BY name) FROM categories
				WHERE slug IN ('payment-by-results', 'on-probation')
				""").fetch().rowsUpdated().then();
	}

	private void copyMedia() {
		try {
			Path target = media.dir().resolve("demo");
			Files.createDirectories(target);
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:demo/media/*")) {
				try (InputStream in = resource.getInputStream()) {
					Files.copy(in, target.resolve(resource.getFilename()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not copy the demo images to " + media.dir() + ": " + ex.getMessage());
		}
	}

	private static List<DemoRecord> read(String pattern) {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:" + pattern);
			java.util.Arrays.sort(resources, java.util.Comparator.comparing(Resource::getFilename));
			List<DemoRecord> records = new ArrayList<>();
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					records.addAll(DemoRecord.parseAll(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
			return records;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
