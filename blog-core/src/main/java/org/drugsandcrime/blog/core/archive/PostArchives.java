package org.drugsandcrime.blog.core.archive;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.archive.ArchiveTitle.Kind;
import org.drugsandcrime.blog.core.post.PostSummary;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The published posts of one category, tag, author, series, year or month, a page at a time: one query for
 * the heading (none for dates) and one for the page, however large the archive. An unknown slug, or an
 * archive with nothing published, is empty so the site can answer 404.
 */
@Service
public class PostArchives {

	private static final String FROM = " FROM posts p JOIN users u ON u.id = p.author_id WHERE ";

	private static final String NEWEST_FIRST = " ORDER BY p.published_at DESC, p.id DESC LIMIT :limit OFFSET :offset";

	private final DatabaseClient database;

	private final PublishedPosts posts;

	private final Clock clock;

	PostArchives(DatabaseClient database, PublishedPosts posts, Clock clock) {
		this.database = database;
		this.posts = posts;
		this.clock = clock;
	}

	public Mono<ArchivePage> category(String slug, int page, int size) {
		return title("SELECT id, slug, name, description, NULL AS twitter FROM categories WHERE slug = :slug", Kind.CATEGORY, slug)
			.flatMap(found -> page(found.title(), database.sql("SELECT " + PublishedPosts.SUMMARY_COLUMNS + FROM
					+ PublishedPosts.VISIBLE + " AND EXISTS (SELECT 1 FROM post_categories pc WHERE pc.post_id = p.id"
					+ " AND pc.category_id = :id)" + NEWEST_FIRST).bind("id", found.id()), page, size));
	}

	public Mono<ArchivePage> tag(String slug, int page, int size) {
		return title("SELECT id, slug, name, '' AS description, NULL AS twitter FROM tags WHERE slug = :slug", Kind.TAG, slug)
			.flatMap(found -> page(found.title(), database.sql("SELECT " + PublishedPosts.SUMMARY_COLUMNS + FROM
					+ PublishedPosts.VISIBLE + " AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id"
					+ " AND pt.tag_id = :id)" + NEWEST_FIRST).bind("id", found.id()), page, size));
	}

	public Mono<ArchivePage> author(String slug, int page, int size) {
		// Whether an account may sign in says nothing about the posts it wrote: a writer imported from WordPress (not
		// yet invited) or one who has left keeps an archive, as their feed and the sitemap already do.
		return title("SELECT id, slug, display_name AS name, bio AS description, twitter_handle AS twitter FROM users"
				+ " WHERE slug = :slug", Kind.AUTHOR, slug)
			.flatMap(found -> page(found.title(), database.sql("SELECT " + PublishedPosts.SUMMARY_COLUMNS + FROM
					+ PublishedPosts.VISIBLE + " AND p.author_id = :id" + NEWEST_FIRST).bind("id", found.id()), page, size));
	}

	/** A series reads from its first part, so its archive lists oldest first. */
	public Mono<ArchivePage> series(String slug, int page, int size) {
		return title("SELECT id, slug, name, description, NULL AS twitter FROM series WHERE slug = :slug", Kind.SERIES, slug)
			.flatMap(found -> page(found.title(), database.sql("SELECT " + PublishedPosts.SUMMARY_COLUMNS + FROM
					+ PublishedPosts.VISIBLE + " AND p.series_id = :id"
					+ " ORDER BY p.series_position NULLS LAST, p.published_at, p.id LIMIT :limit OFFSET :offset")
				.bind("id", found.id()), page, size));
	}

	/** Posts published in {@code year}, as the calendar runs in the site's time zone. */
	public Mono<ArchivePage> year(int year, int page, int size, SiteTime time) {
		if (year < 1 || year > 9999) {
			return Mono.empty();
		}
		LocalDate from = LocalDate.of(year, 1, 1);
		return dates(new ArchiveTitle(Kind.YEAR, String.valueOf(year), String.valueOf(year), "", null), from,
				from.plusYears(1), page, size, time);
	}

	/** Posts published in {@code month} of {@code year}, as the calendar runs in the site's time zone. */
	public Mono<ArchivePage> month(int year, int month, int page, int size, SiteTime time) {
		if (year < 1 || year > 9999 || month < 1 || month > 12) {
			return Mono.empty();
		}
		LocalDate from = LocalDate.of(year, month, 1);
		String name = Month.of(month).getDisplayName(TextStyle.FULL, Locale.UK) + " " + year;
		return dates(new ArchiveTitle(Kind.MONTH, "%04d/%02d".formatted(year, month), name, "", null), from,
				from.plusMonths(1), page, size, time);
	}

	/** The newest published post marked featured, for the home page's highlight. */
	public Mono<PostSummary> newestFeatured() {
		return database.sql("SELECT " + PublishedPosts.SUMMARY_COLUMNS + FROM + PublishedPosts.VISIBLE
				+ " AND p.featured ORDER BY p.published_at DESC, p.id DESC LIMIT 1")
			.bind("now", clock.instant())
			.map((row, meta) -> PublishedPosts.summary(row))
			.one();
	}

	private Mono<ArchivePage> dates(ArchiveTitle title, LocalDate from, LocalDate to, int page, int size, SiteTime time) {
		return page(title, database.sql("SELECT " + PublishedPosts.SUMMARY_COLUMNS + FROM + PublishedPosts.VISIBLE
				+ " AND p.published_at >= :from AND p.published_at < :to" + NEWEST_FIRST)
			.bind("from", time.startOf(from))
			.bind("to", time.startOf(to)), page, size);
	}

	/** An archive page; past the first page an empty page means the reader asked for one that does not exist. */
	private Mono<ArchivePage> page(ArchiveTitle title, DatabaseClient.GenericExecuteSpec query, int page, int size) {
		return posts.page(query, page, size)
			.filter(found -> !found.posts().isEmpty() || (page == 1 && title.kind() != Kind.YEAR && title.kind() != Kind.MONTH))
			.map(found -> new ArchivePage(title, found));
	}

	private Mono<Found> title(String sql, Kind kind, String slug) {
		return database.sql(sql)
			.bind("slug", slug)
			.map((row, meta) -> new Found(row.get("id", Long.class), new ArchiveTitle(kind, row.get("slug", String.class),
					row.get("name", String.class), row.get("description", String.class), row.get("twitter", String.class))))
			.one();
	}

	private record Found(long id, ArchiveTitle title) {
	}
}
