package org.drugsandcrime.blog.core.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.settings.Site;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * What the sitemaps read. Posts are numbered oldest first, so a new post lands in the last sitemap and the
 * others stay as they were; each sitemap is read in keyset pages, so memory holds one page however many posts
 * there are.
 */
@Service
public class SitemapEntries {

	/** The sitemaps.org limit of URLs in one sitemap. */
	public static final int MAX_URLS = 50_000;

	/** Rows per query while a post sitemap streams. */
	static final int PAGE_SIZE = 1000;

	/** Inline images worth listing come from {@code <img src="…">} in the sanitised body (the renderer quotes with "). */
	private static final String IMAGES = """
			ARRAY(SELECT m[1] FROM regexp_matches(p.body_html, '<img\\s[^>]*?src="([^"]+)"', 'g') AS m) AS images""";

	private final DatabaseClient database;

	private final Clock clock;

	private final Site site;

	SitemapEntries(DatabaseClient database, Clock clock, Site site) {
		this.database = database;
		this.clock = clock;
		this.site = site;
	}

	/**
	 * What every sitemap is made of: the visible posts (count, newest edit, newest publication), the published
	 * pages, and the slugs of every category, tag, series and author (a merge or delete of a term touches no post
	 * but takes its archive out of the pages sitemap).
	 */
	public Mono<FeedStamp> stamp() {
		return database.sql("SELECT count(*) AS visible, max(p.updated_at) AS updated, max(p.published_at) AS newest, "
				+ "(SELECT count(*) FROM pages WHERE status = 'PUBLISHED') AS pages, "
				+ "(SELECT max(updated_at) FROM pages) AS pages_updated, md5(concat_ws('|', "
				+ "(SELECT string_agg(slug, ',' ORDER BY slug) FROM categories), "
				+ "(SELECT string_agg(slug, ',' ORDER BY slug) FROM tags), "
				+ "(SELECT string_agg(slug, ',' ORDER BY slug) FROM series), "
				+ "(SELECT string_agg(slug, ',' ORDER BY slug) FROM users))) AS archives "
				+ "FROM posts p WHERE " + PublishedPosts.VISIBLE)
			.bind("now", clock.instant())
			.map((row, meta) -> {
				Instant updated = row.get("updated", Instant.class);
				Instant newest = row.get("newest", Instant.class);
				Instant pages = row.get("pages_updated", Instant.class);
				return new FeedStamp(FeedEntries.latest(updated, newest, pages),
						String.join("|", "sitemaps", String.valueOf(row.get("visible", Long.class)),
								FeedEntries.micros(updated), FeedEntries.micros(newest),
								String.valueOf(row.get("pages", Long.class)), FeedEntries.micros(pages),
								row.get("archives", String.class)));
			})
			.one();
	}

	/** The post sitemaps there are, {@code size} posts to each, with the newest update of each one's posts. */
	public Flux<SitemapChunk> chunks(int size) {
		return database.sql("""
				SELECT (n - 1) / :size + 1 AS chunk, max(updated_at) AS updated FROM (
				    SELECT p.updated_at, row_number() OVER (ORDER BY p.published_at, p.id) AS n
				    FROM posts p WHERE %s) numbered
				GROUP BY 1 ORDER BY 1""".formatted(PublishedPosts.VISIBLE))
			.bind("now", clock.instant())
			.bind("size", size)
			.map((row, meta) -> new SitemapChunk(row.get("chunk", Long.class).intValue(),
					row.get("updated", Instant.class)))
			.all();
	}

	/** Whether post sitemap {@code number} (from 1) has any post, {@code size} posts to a sitemap. */
	public Mono<Boolean> hasPosts(int number, int size) {
		return number < 1 ? Mono.just(false) : start(clock.instant(), number, size).hasElement();
	}

	/**
	 * The posts of sitemap {@code number} (from 1), oldest first; empty when there is no such sitemap. The first
	 * post is found by its rank, the rest follow in keyset pages of {@value #PAGE_SIZE}.
	 */
	public Flux<SitemapPost> posts(int number, int size) {
		if (number < 1) {
			return Flux.empty();
		}
		Instant now = clock.instant();
		return start(now, number, size).flatMapMany(first -> page(now, first, true, size));
	}

	private Mono<Key> start(Instant now, int number, int size) {
		return database.sql("SELECT p.published_at, p.id FROM posts p WHERE " + PublishedPosts.VISIBLE
				+ " ORDER BY p.published_at, p.id OFFSET :skip LIMIT 1")
			.bind("now", now)
			.bind("skip", (long) (number - 1) * size)
			.map((row, meta) -> new Key(row.get("published_at", Instant.class), row.get("id", Long.class)))
			.one();
	}

	private Flux<SitemapPost> page(Instant now, Key from, boolean inclusive, int remaining) {
		int limit = Math.min(PAGE_SIZE, remaining);
		return database.sql("SELECT p.id, p.slug, p.published_at, p.updated_at, p.cover_image, " + IMAGES
				+ " FROM posts p WHERE " + PublishedPosts.VISIBLE + " AND (p.published_at, p.id) "
				+ (inclusive ? ">=" : ">") + " (:at, :id) ORDER BY p.published_at, p.id LIMIT :limit")
			.bind("now", now)
			.bind("at", from.publishedAt())
			.bind("id", from.id())
			.bind("limit", limit)
			.map((row, meta) -> post(row))
			.all()
			.collectList()
			.flatMapMany(rows -> {
				Flux<SitemapPost> these = Flux.fromIterable(rows);
				if (rows.size() < limit || remaining == limit) {
					return these;
				}
				SitemapPost last = rows.get(rows.size() - 1);
				return these.concatWith(
						Flux.defer(() -> page(now, new Key(last.publishedAt(), last.id()), false, remaining - limit)));
			});
	}

	/**
	 * Every page that is not a post: the home page, the published standalone pages, and each category, tag,
	 * author, series, year and month archive that has visible posts, with the newest update among them.
	 */
	public Flux<SitemapArchive> archives() {
		// Date archives are calendar years and months in the site's time zone, as the archive pages count them.
		return site.time().flatMapMany(time -> database.sql("""
				WITH visible AS (SELECT p.id, p.author_id, p.series_id, p.published_at, p.updated_at FROM posts p WHERE %s)
				SELECT path, updated FROM (
				    SELECT 0 AS part, '/' AS path, max(updated_at) AS updated FROM visible
				    UNION ALL
				    SELECT 1, '/pages/' || slug, updated_at FROM pages WHERE status = 'PUBLISHED'
				    UNION ALL
				    SELECT 2, '/category/' || c.slug, max(v.updated_at) FROM visible v
				    JOIN post_categories pc ON pc.post_id = v.id JOIN categories c ON c.id = pc.category_id GROUP BY c.slug
				    UNION ALL
				    SELECT 3, '/tag/' || t.slug, max(v.updated_at) FROM visible v
				    JOIN post_tags pt ON pt.post_id = v.id JOIN tags t ON t.id = pt.tag_id GROUP BY t.slug
				    UNION ALL
				    SELECT 4, '/author/' || u.slug, max(v.updated_at) FROM visible v JOIN users u ON u.id = v.author_id
				    GROUP BY u.slug
				    UNION ALL
				    SELECT 5, '/series/' || s.slug, max(v.updated_at) FROM visible v JOIN series s ON s.id = v.series_id
				    GROUP BY s.slug
				    UNION ALL
				    SELECT 6, '/archive/' || to_char(v.published_at AT TIME ZONE :zone, 'YYYY'), max(v.updated_at)
				    FROM visible v GROUP BY 2
				    UNION ALL
				    SELECT 7, '/archive/' || to_char(v.published_at AT TIME ZONE :zone, 'YYYY/MM'), max(v.updated_at)
				    FROM visible v GROUP BY 2
				) archives WHERE updated IS NOT NULL OR part = 0
				ORDER BY part, path LIMIT :limit""".formatted(PublishedPosts.VISIBLE))
			.bind("now", clock.instant())
			.bind("limit", MAX_URLS)
			.bind("zone", time.zoneName())
			.map((row, meta) -> new SitemapArchive(row.get("path", String.class), row.get("updated", Instant.class)))
			.all());
	}

	/** Posts published within {@code window} of now, newest first: what a news sitemap lists (at most 1,000). */
	public Flux<NewsPost> news(Duration window) {
		Instant now = clock.instant();
		return database.sql("SELECT p.slug, p.title, p.published_at FROM posts p WHERE " + PublishedPosts.VISIBLE
				+ " AND p.published_at > :since ORDER BY p.published_at DESC, p.id DESC LIMIT 1000")
			.bind("now", now)
			.bind("since", now.minus(window))
			.map((row, meta) -> new NewsPost(row.get("slug", String.class), row.get("title", String.class),
					row.get("published_at", Instant.class)))
			.all();
	}

	/** What the news sitemap is made of; a post ageing out of the window lowers the count. */
	public Mono<FeedStamp> newsStamp(Duration window) {
		Instant now = clock.instant();
		return database.sql("SELECT count(*) AS recent, max(p.updated_at) AS updated, min(p.published_at) AS oldest, "
				+ "(SELECT updated_at FROM site_settings WHERE id = 1) AS settings FROM posts p WHERE "
				+ PublishedPosts.VISIBLE + " AND p.published_at > :since")
			.bind("now", now)
			.bind("since", now.minus(window))
			.map((row, meta) -> {
				Instant updated = row.get("updated", Instant.class);
				Instant settings = row.get("settings", Instant.class);
				Instant oldest = row.get("oldest", Instant.class);
				return new FeedStamp(FeedEntries.latest(updated, settings),
						String.join("|", "news", String.valueOf(row.get("recent", Long.class)), FeedEntries.micros(updated),
								FeedEntries.micros(oldest), FeedEntries.micros(settings)));
			})
			.one();
	}

	private static SitemapPost post(Readable row) {
		List<String> images = new ArrayList<>();
		String cover = row.get("cover_image", String.class);
		if (cover != null && !cover.isBlank()) {
			images.add(cover);
		}
		for (String image : FeedEntries.strings(row, "images")) {
			if (!images.contains(image)) {
				images.add(image);
			}
		}
		return new SitemapPost(row.get("id", Long.class), row.get("slug", String.class),
				row.get("published_at", Instant.class), row.get("updated_at", Instant.class), List.copyOf(images));
	}

	private record Key(Instant publishedAt, long id) {
	}
}
