package org.drugsandcrime.blog.core.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * What the feeds read: the newest posts of the blog or of one archive with everything an entry carries
 * (one query, however many entries), a post's approved comments, and the {@link FeedStamp} that tells
 * whether any of it changed, read without reading the entries.
 */
@Service
public class FeedEntries {

	private static final String ENTRY_COLUMNS = """
			p.id, p.guid, p.slug, p.title, p.excerpt, p.body_html, p.published_at, p.updated_at, p.cover_image,
			u.slug AS author_slug, u.display_name AS author_name,
			""" + PublishedPosts.CATEGORY_ARRAYS + ",\n" + PublishedPosts.TAG_ARRAYS;

	private final DatabaseClient database;

	private final Clock clock;

	FeedEntries(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	public Mono<FeedSite> site() {
		return database.sql("""
				SELECT s.title, s.tagline, s.description, s.updated_at, f.atom_id
				FROM site_settings s CROSS JOIN feed_identity f WHERE s.id = 1""")
			.map((row, meta) -> new FeedSite(row.get("title", String.class), row.get("tagline", String.class),
					row.get("description", String.class), row.get("updated_at", Instant.class),
					row.get("atom_id", String.class)))
			.one();
	}

	/** Entries in a feed of posts, and so the posts its {@link #stamp} is read from. */
	public static final int PER_FEED = 20;

	/** The archive with this slug, whatever its posts; empty when there is none. */
	public Mono<Archive> archive(ArchiveKind kind, String slug) {
		return archive(kind, "slug", slug);
	}

	/** The archive with this id, whatever its posts; empty when there is none (deleted, merged away). */
	public Mono<Archive> archive(ArchiveKind kind, long id) {
		return archive(kind, "id", id);
	}

	private Mono<Archive> archive(ArchiveKind kind, String column, Object value) {
		String sql = switch (kind) {
			case CATEGORY -> "SELECT id, slug, name, description FROM categories";
			case TAG -> "SELECT id, slug, name, '' AS description FROM tags";
			case AUTHOR -> "SELECT id, slug, display_name AS name, bio AS description FROM users";
			case SERIES -> "SELECT id, slug, name, description FROM series";
		};
		return database.sql(sql + " WHERE " + column + " = :value")
			.bind("value", value)
			.map((row, meta) -> new Archive(kind, row.get("id", Long.class), row.get("slug", String.class),
					row.get("name", String.class), row.get("description", String.class)))
			.one();
	}

	/** The newest published posts, of one archive or (when {@code archive} is null) of the whole blog. */
	public Flux<FeedEntry> newest(Archive archive, int limit) {
		return scoped(database.sql("SELECT " + ENTRY_COLUMNS + " FROM posts p JOIN users u ON u.id = p.author_id WHERE "
				+ PublishedPosts.VISIBLE + scope(archive) + " ORDER BY p.published_at DESC, p.id DESC LIMIT :limit"),
				archive)
			.bind("now", clock.instant())
			.bind("limit", limit)
			.map((row, meta) -> entry(row))
			.all();
	}

	/**
	 * What the feed of an archive (or of the blog) is made of, read from its {@code entries} newest posts only
	 * (one index range, however large the archive): which posts they are and when each was last edited, the
	 * newest publication (a scheduled post going live moves it, with no edit at all), the site settings, the
	 * archive's own name, and the author, category and tag names of those posts (renaming a category touches no
	 * post). Publishing, unpublishing or editing any post the feed shows changes it; a change to an older post,
	 * which the feed does not show, rightly does not.
	 */
	public Mono<FeedStamp> stamp(Archive archive, int entries) {
		return scoped(database.sql("SELECT count(*) AS visible, max(updated_at) AS updated, max(published_at) AS newest, "
				+ "(SELECT updated_at FROM site_settings WHERE id = 1) AS settings, "
				+ "md5(coalesce(string_agg(id || '@' || updated_at || '/' || labels, '|' ORDER BY n), '')) AS labels "
				+ "FROM (SELECT p.id, p.updated_at, p.published_at, u.display_name || '/' || "
				+ "ARRAY(SELECT c.name FROM post_categories pc JOIN categories c ON c.id = pc.category_id "
				+ "WHERE pc.post_id = p.id ORDER BY c.name)::text || '/' || "
				+ "ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
				+ "WHERE pt.post_id = p.id ORDER BY t.name)::text AS labels, "
				+ "row_number() OVER (ORDER BY p.published_at DESC, p.id DESC) AS n "
				+ "FROM posts p JOIN users u ON u.id = p.author_id WHERE " + PublishedPosts.VISIBLE + scope(archive)
				+ " ORDER BY p.published_at DESC, p.id DESC LIMIT :entries) newest"), archive)
			.bind("now", clock.instant())
			.bind("entries", entries)
			.map((row, meta) -> {
				Instant updated = row.get("updated", Instant.class);
				Instant newest = row.get("newest", Instant.class);
				Instant settings = row.get("settings", Instant.class);
				return new FeedStamp(latest(updated, newest, settings),
						String.join("|", String.valueOf(row.get("visible", Long.class)), micros(updated), micros(newest),
								micros(settings), row.get("labels", String.class), archive == null ? ""
										: archive.kind() + ":" + archive.id() + ":" + archive.slug() + ":" + archive.name()
												+ ":" + archive.description()));
			})
			.one();
	}

	/** The published post with this slug, for its comment feed; empty when readers cannot see it. */
	public Mono<CommentedPost> commentedPost(String slug) {
		return database.sql("SELECT p.id, p.guid, p.slug, p.title, p.published_at FROM posts p WHERE p.slug = :slug AND "
				+ PublishedPosts.VISIBLE)
			.bind("slug", slug)
			.bind("now", clock.instant())
			.map((row, meta) -> new CommentedPost(row.get("id", Long.class), row.get("guid", String.class),
					row.get("slug", String.class), row.get("title", String.class), row.get("published_at", Instant.class)))
			.one();
	}

	/** The newest approved comments of a post, newest first. */
	public Flux<FeedComment> approvedComments(long postId, int limit) {
		return database.sql("""
				SELECT id, author_name, author_website, body, created_at FROM comments
				WHERE post_id = :post AND status = 'APPROVED' ORDER BY created_at DESC, id DESC LIMIT :limit""")
			.bind("post", postId)
			.bind("limit", limit)
			.map((row, meta) -> new FeedComment(row.get("id", Long.class), row.get("author_name", String.class),
					row.get("author_website", String.class), row.get("body", String.class),
					row.get("created_at", Instant.class)))
			.all();
	}

	/**
	 * What a post's comment feed is made of. The count and the sum of the approved ids stand for the set
	 * (approving one and removing another still moves the sum); the newest creation or edit time catches an
	 * editor's correction of a text already in the feed.
	 */
	public Mono<FeedStamp> commentsStamp(long postId) {
		return database.sql("""
				SELECT p.updated_at, s.updated_at AS settings, count(c.id) AS approved, coalesce(sum(c.id), 0) AS ids,
				       max(greatest(c.created_at, c.edited_at)) AS newest
				FROM posts p CROSS JOIN site_settings s
				LEFT JOIN comments c ON c.post_id = p.id AND c.status = 'APPROVED'
				WHERE p.id = :post AND s.id = 1 GROUP BY p.updated_at, s.updated_at""")
			.bind("post", postId)
			.map((row, meta) -> {
				Instant updated = row.get("updated_at", Instant.class);
				Instant settings = row.get("settings", Instant.class);
				Instant newest = row.get("newest", Instant.class);
				return new FeedStamp(latest(updated, settings, newest),
						String.join("|", "comments:" + postId, micros(updated), micros(settings),
								String.valueOf(row.get("approved", Long.class)), String.valueOf(row.get("ids", Number.class)),
								micros(newest)));
			})
			.one();
	}

	/** The newest approved comments on posts readers can see, newest first, each with its post: one query. */
	public Flux<SiteComment> newestApprovedComments(int limit) {
		return database.sql("""
				SELECT c.id, c.author_name, c.author_website, c.body, c.created_at,
				       p.id AS post_id, p.guid, p.slug, p.title, p.published_at
				FROM comments c JOIN posts p ON p.id = c.post_id
				WHERE c.status = 'APPROVED' AND %s
				ORDER BY c.created_at DESC, c.id DESC LIMIT :limit""".formatted(PublishedPosts.VISIBLE))
			.bind("now", clock.instant())
			.bind("limit", limit)
			.map((row, meta) -> new SiteComment(
					new CommentedPost(row.get("post_id", Long.class), row.get("guid", String.class),
							row.get("slug", String.class), row.get("title", String.class),
							row.get("published_at", Instant.class)),
					new FeedComment(row.get("id", Long.class), row.get("author_name", String.class),
							row.get("author_website", String.class), row.get("body", String.class),
							row.get("created_at", Instant.class))))
			.all();
	}

	/**
	 * What the site's comment feed is made of, as {@link #commentsStamp} is for one post's, over every post readers
	 * can see: a post going out or coming back changes the count, a renamed post (its title is in the items) its
	 * newest update time.
	 */
	public Mono<FeedStamp> siteCommentsStamp() {
		return database.sql("""
				SELECT s.updated_at AS settings, count(c.id) AS approved, coalesce(sum(c.id), 0) AS ids,
				       max(greatest(c.created_at, c.edited_at)) AS newest, max(p.updated_at) AS posts
				FROM site_settings s
				LEFT JOIN (comments c JOIN posts p ON p.id = c.post_id AND c.status = 'APPROVED' AND %s) ON true
				WHERE s.id = 1 GROUP BY s.updated_at""".formatted(PublishedPosts.VISIBLE))
			.bind("now", clock.instant())
			.map((row, meta) -> {
				Instant settings = row.get("settings", Instant.class);
				Instant newest = row.get("newest", Instant.class);
				Instant posts = row.get("posts", Instant.class);
				return new FeedStamp(latest(settings, newest, posts),
						String.join("|", "comments", micros(settings), String.valueOf(row.get("approved", Long.class)),
								String.valueOf(row.get("ids", Number.class)), micros(newest), micros(posts)));
			})
			.one();
	}

	/** The archives a post is listed in, whether it is visible or not: a post leaving a feed changes it too. */
	public Mono<PostFeeds> feedsOf(long postId) {
		return database.sql("""
				SELECT p.id, p.slug, p.updated_at, (%s) AS visible, u.slug AS author_slug, s.slug AS series_slug,
				       ARRAY(SELECT c.slug FROM post_categories pc JOIN categories c ON c.id = pc.category_id
				             WHERE pc.post_id = p.id ORDER BY c.slug) AS category_slugs,
				       ARRAY(SELECT t.slug FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
				             WHERE pt.post_id = p.id ORDER BY t.slug) AS tag_slugs
				FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN series s ON s.id = p.series_id
				WHERE p.id = :post""".formatted(PublishedPosts.VISIBLE))
			.bind("post", postId)
			.bind("now", clock.instant())
			.map((row, meta) -> new PostFeeds(row.get("id", Long.class), row.get("slug", String.class),
					Boolean.TRUE.equals(row.get("visible", Boolean.class)), row.get("updated_at", Instant.class),
					strings(row, "category_slugs"), strings(row, "tag_slugs"), row.get("author_slug", String.class),
					row.get("series_slug", String.class)))
			.one();
	}

	private static String scope(Archive archive) {
		if (archive == null) {
			return "";
		}
		return switch (archive.kind()) {
			case CATEGORY ->
				" AND EXISTS (SELECT 1 FROM post_categories pc WHERE pc.post_id = p.id AND pc.category_id = :archive)";
			case TAG -> " AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = :archive)";
			case AUTHOR -> " AND p.author_id = :archive";
			case SERIES -> " AND p.series_id = :archive";
		};
	}

	private static DatabaseClient.GenericExecuteSpec scoped(DatabaseClient.GenericExecuteSpec query, Archive archive) {
		return archive == null ? query : query.bind("archive", archive.id());
	}

	private static FeedEntry entry(Readable row) {
		return new FeedEntry(row.get("id", Long.class), row.get("guid", String.class), row.get("slug", String.class),
				row.get("title", String.class), row.get("excerpt", String.class), row.get("body_html", String.class),
				row.get("published_at", Instant.class), row.get("updated_at", Instant.class),
				row.get("cover_image", String.class), row.get("author_slug", String.class),
				row.get("author_name", String.class), PublishedPosts.labels(row, "category_slugs", "category_names"),
				PublishedPosts.labels(row, "tag_slugs", "tag_names"));
	}

	static List<String> strings(Readable row, String column) {
		String[] values = row.get(column, String[].class);
		return values == null ? List.of() : List.copyOf(Arrays.asList(values));
	}

	static String micros(Instant instant) {
		return instant == null ? "-" : instant.getEpochSecond() + "." + instant.getNano() / 1000;
	}

	static Instant latest(Instant... instants) {
		Instant latest = Instant.EPOCH;
		for (Instant instant : instants) {
			if (instant != null && instant.isAfter(latest)) {
				latest = instant;
			}
		}
		return latest;
	}
}
