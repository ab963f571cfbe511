package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * What readers may see of posts, each answer in one query: lists carry their categories as arrays, the
 * post page carries author, categories, tags and series neighbours. "Published" is decided here, in SQL,
 * against the injected clock.
 */
@Service
public class PublishedPosts {

	/** The one definition of a post readers may see; {@code p} is the posts table, {@code :now} the clock. */
	public static final String VISIBLE = "p.status <> 'DRAFT' AND p.published_at <= :now";

	/** A post's categories as two parallel arrays (slugs, names) in name order: one row a post, no N+1. */
	public static final String CATEGORY_ARRAYS = """
			ARRAY(SELECT c.slug FROM post_categories pc JOIN categories c ON c.id = pc.category_id
			      WHERE pc.post_id = p.id ORDER BY c.name) AS category_slugs,
			ARRAY(SELECT c.name FROM post_categories pc JOIN categories c ON c.id = pc.category_id
			      WHERE pc.post_id = p.id ORDER BY c.name) AS category_names""";

	/** A post's tags, the same way. */
	public static final String TAG_ARRAYS = """
			ARRAY(SELECT t.slug FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
			      WHERE pt.post_id = p.id ORDER BY t.name) AS tag_slugs,
			ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
			      WHERE pt.post_id = p.id ORDER BY t.name) AS tag_names""";

	/** Columns of {@link PostSummary}, for queries that join {@code users u}. */
	public static final String SUMMARY_COLUMNS = """
			p.id, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.cover_image, p.featured,
			p.reading_minutes, u.slug AS author_slug, u.display_name AS author_name,
			""" + CATEGORY_ARRAYS;

	private final DatabaseClient database;

	private final Clock clock;

	PublishedPosts(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** The newest posts, {@code size} to a page; page numbers start at 1. */
	public Mono<PostPage> latest(int page, int size) {
		return page("SELECT " + SUMMARY_COLUMNS + " FROM posts p JOIN users u ON u.id = p.author_id WHERE " + VISIBLE
				+ " ORDER BY p.published_at DESC, p.id DESC LIMIT :limit OFFSET :offset", page, size);
	}

	/** Runs a summary query that has {@code :now}, {@code :limit} and {@code :offset} (and no other) parameters. */
	public Mono<PostPage> page(String sql, int page, int size) {
		return page(database.sql(sql), page, size);
	}

	public Mono<PostPage> page(DatabaseClient.GenericExecuteSpec query, int page, int size) {
		return query.bind("now", clock.instant())
			.bind("limit", size + 1)
			.bind("offset", (long) (page - 1) * size)
			.map((row, meta) -> summary(row))
			.all()
			.collectList()
			.map(rows -> new PostPage(rows.size() > size ? rows.subList(0, size) : rows, page, rows.size() > size));
	}

	public Mono<PublishedPost> bySlug(String slug) {
		return database.sql("""
				SELECT p.id, p.guid, p.slug, p.title, p.excerpt, p.body_html, p.seo_description, p.cover_image,
				       p.published_at, p.updated_at, p.reading_minutes, p.featured, p.series_position,
				       u.slug AS author_slug, u.display_name, u.bio, u.twitter_handle,
				""" + CATEGORY_ARRAYS + ",\n" + TAG_ARRAYS + """
				,      s.slug AS series_slug, s.name AS series_name,
				       (SELECT count(*) FROM posts p2 WHERE p2.series_id = p.series_id
				             AND p2.status <> 'DRAFT' AND p2.published_at <= :now) AS series_total,
				       prev.slug AS prev_slug, prev.title AS prev_title, next.slug AS next_slug, next.title AS next_title
				FROM posts p
				JOIN users u ON u.id = p.author_id
				LEFT JOIN series s ON s.id = p.series_id
				LEFT JOIN LATERAL (SELECT p2.slug, p2.title FROM posts p2
				      WHERE p2.series_id = p.series_id AND p2.status <> 'DRAFT' AND p2.published_at <= :now
				        AND (p2.series_position, p2.published_at) < (p.series_position, p.published_at)
				      ORDER BY p2.series_position DESC, p2.published_at DESC LIMIT 1) prev ON p.series_id IS NOT NULL
				LEFT JOIN LATERAL (SELECT p2.slug, p2.title FROM posts p2
				      WHERE p2.series_id = p.series_id AND p2.status <> 'DRAFT' AND p2.published_at <= :now
				        AND (p2.series_position, p2.published_at) > (p.series_position, p.published_at)
				      ORDER BY p2.series_position, p2.published_at LIMIT 1) next ON p.series_id IS NOT NULL
				WHERE p.slug = :slug AND p.status <> 'DRAFT' AND p.published_at <= :now
				""")
			.bind("slug", slug)
			.bind("now", clock.instant())
			.map((row, meta) -> {
				SeriesBox series = row.get("series_slug", String.class) == null ? null
						: new SeriesBox(row.get("series_slug", String.class), row.get("series_name", String.class),
								row.get("series_position", Integer.class), row.get("series_total", Long.class).intValue(),
								label(row, "prev_slug", "prev_title"), label(row, "next_slug", "next_title"));
				return new PublishedPost(row.get("id", Long.class), row.get("guid", String.class),
						row.get("slug", String.class), row.get("title", String.class), row.get("excerpt", String.class),
						row.get("body_html", String.class), row.get("seo_description", String.class),
						row.get("cover_image", String.class), row.get("published_at", Instant.class),
						row.get("updated_at", Instant.class), row.get("reading_minutes", Integer.class),
						Boolean.TRUE.equals(row.get("featured", Boolean.class)),
						new AuthorCard(row.get("author_slug", String.class), row.get("display_name", String.class),
								row.get("bio", String.class), row.get("twitter_handle", String.class)),
						labels(row, "category_slugs", "category_names"), labels(row, "tag_slugs", "tag_names"), series);
			})
			.one();
	}

	/**
	 * Up to {@code limit} posts most like this one: shared tags weigh twice a shared category, and the words of
	 * this post's title found in theirs (full-text rank) break ties, newer first after that. Candidates come from
	 * the newest posts of each shared tag and category only, so the cost stays flat however large the archive
	 * grows; a post with neither tags nor categories draws its candidates from the newest posts sharing its title's
	 * words instead.
	 */
	public Flux<PostSummary> related(long postId, int limit) {
		return database.sql("""
				WITH me AS (
				    SELECT to_tsquery('simple', (SELECT string_agg(quote_literal(lexeme), ' | ')
				        FROM unnest(tsvector_to_array(to_tsvector('english', title))) AS lexeme)) AS words
				    FROM posts WHERE id = :post
				), candidates AS (
				    SELECT pt.post_id, 2 AS weight FROM post_tags mine
				    CROSS JOIN LATERAL (SELECT pt.post_id FROM post_tags pt JOIN posts p ON p.id = pt.post_id
				          WHERE pt.tag_id = mine.tag_id AND %1$s ORDER BY p.published_at DESC LIMIT 200) pt
				    WHERE mine.post_id = :post
				    UNION ALL
				    SELECT pc.post_id, 1 FROM post_categories mine
				    CROSS JOIN LATERAL (SELECT pc.post_id FROM post_categories pc JOIN posts p ON p.id = pc.post_id
				          WHERE pc.category_id = mine.category_id AND %1$s ORDER BY p.published_at DESC LIMIT 200) pc
				    WHERE mine.post_id = :post
				    UNION ALL
				    (SELECT p.id, 0 FROM posts p CROSS JOIN me WHERE p.search_vector @@ me.words AND %1$s
				        AND NOT EXISTS (SELECT 1 FROM post_tags WHERE post_id = :post)
				        AND NOT EXISTS (SELECT 1 FROM post_categories WHERE post_id = :post)
				        ORDER BY p.published_at DESC LIMIT 200)
				), scored AS (
				    SELECT post_id, sum(weight) AS score FROM candidates WHERE post_id <> :post GROUP BY post_id
				)
				SELECT %2$s FROM scored JOIN posts p ON p.id = scored.post_id JOIN users u ON u.id = p.author_id
				CROSS JOIN me
				ORDER BY scored.score + coalesce(ts_rank(p.search_vector, me.words), 0) DESC, p.published_at DESC
				LIMIT :limit
				""".formatted(VISIBLE, SUMMARY_COLUMNS))
			.bind("post", postId)
			.bind("now", clock.instant())
			.bind("limit", limit)
			.map((row, meta) -> summary(row))
			.all();
	}

	public static PostSummary summary(Readable row) {
		return new PostSummary(row.get("id", Long.class), row.get("slug", String.class), row.get("title", String.class),
				row.get("excerpt", String.class), row.get("published_at", Instant.class),
				row.get("updated_at", Instant.class), row.get("author_slug", String.class),
				row.get("author_name", String.class), labels(row, "category_slugs", "category_names"),
				row.get("cover_image", String.class), Boolean.TRUE.equals(row.get("featured", Boolean.class)),
				row.get("reading_minutes", Integer.class));
	}

	public static List<Label> labels(Readable row, String slugColumn, String nameColumn) {
		String[] slugs = row.get(slugColumn, String[].class);
		String[] names = row.get(nameColumn, String[].class);
		List<Label> labels = new ArrayList<>();
		if (slugs != null && names != null) {
			for (int i = 0; i < Math.min(slugs.length, names.length); i++) {
				labels.add(new Label(slugs[i], names[i]));
			}
		}
		return List.copyOf(labels);
	}

	private static Label label(Readable row, String slugColumn, String titleColumn) {
		String slug = row.get(slugColumn, String.class);
		return slug == null ? null : new Label(slug, row.get(titleColumn, String.class));
	}

	Instant now() {
		return clock.instant();
	}
}
