package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Posts as staff see them: every state, filtered by state, category, author and words, one query a page.
 * "Scheduled" and "published" are told apart by the clock, the same way readers' visibility is.
 */
@Service
public class EditorialPosts {

	public static final int MAX_QUERY_LENGTH = 200;

	private final DatabaseClient database;

	private final Clock clock;

	EditorialPosts(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** A page of posts, newest change first; {@code page} starts at 1. */
	public Mono<Listing> list(Filter filter, int page, int size) {
		List<String> where = new ArrayList<>();
		// The trash has a list of its own (core.trash.Trash).
		where.add("p.trashed_at IS NULL");
		String state = filter.state() == null ? "" : filter.state();
		switch (state) {
			case "draft" -> where.add("p.status = 'DRAFT'");
			case "scheduled" -> where.add("p.status <> 'DRAFT' AND p.published_at > :now");
			case "published" -> where.add(PublishedPosts.VISIBLE);
			// What waits for an editor: drafts submitted for review, and authors' changes to live posts.
			case "review" -> where.add("((p.review_requested_at IS NOT NULL AND p.status = 'DRAFT') "
					+ "OR EXISTS (SELECT 1 FROM post_pending_changes c WHERE c.post_id = p.id))");
			default -> {
			}
		}
		if (filter.categorySlug() != null && !filter.categorySlug().isBlank()) {
			where.add("EXISTS (SELECT 1 FROM post_categories pc JOIN categories c ON c.id = pc.category_id "
					+ "WHERE pc.post_id = p.id AND c.slug = :category)");
		}
		if (filter.authorId() != null) {
			where.add("p.author_id = :author");
		}
		String words = filter.words() == null ? "" : filter.words().strip();
		if (words.length() > MAX_QUERY_LENGTH) {
			words = words.substring(0, MAX_QUERY_LENGTH);
		}
		if (!words.isEmpty()) {
			where.add("(p.search_vector @@ websearch_to_tsquery('english', :words) OR p.title ILIKE :like OR p.slug ILIKE :like)");
		}
		String sql = """
				SELECT p.id, p.slug, p.title, p.status, p.published_at, p.updated_at, p.featured, p.author_id,
				       u.display_name AS author_name,
				       EXISTS (SELECT 1 FROM post_pending_changes c WHERE c.post_id = p.id) AS changes_waiting,
				       ARRAY(SELECT c.name FROM post_categories pc JOIN categories c ON c.id = pc.category_id
				             WHERE pc.post_id = p.id ORDER BY c.name) AS category_names
				FROM posts p JOIN users u ON u.id = p.author_id
				WHERE %s
				ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset
				""".formatted(String.join(" AND ", where));
		DatabaseClient.GenericExecuteSpec query = database.sql(sql)
			.bind("limit", size + 1)
			.bind("offset", (long) (Math.max(1, page) - 1) * size);
		if (filter.categorySlug() != null && !filter.categorySlug().isBlank()) {
			query = query.bind("category", filter.categorySlug());
		}
		if (sql.contains(":now")) {
			query = query.bind("now", clock.instant());
		}
		if (filter.authorId() != null) {
			query = query.bind("author", filter.authorId());
		}
		if (!words.isEmpty()) {
			query = query.bind("words", words).bind("like", "%" + escapeLike(words) + "%");
		}
		Instant now = clock.instant();
		return query.map((row, meta) -> {
			PostStatus status = PostStatus.valueOf(row.get("status", String.class));
			Instant publishedAt = row.get("published_at", Instant.class);
			String[] categories = row.get("category_names", String[].class);
			return new Row(row.get("id", Long.class), row.get("slug", String.class), row.get("title", String.class),
					stateOf(status, publishedAt, now), publishedAt, row.get("updated_at", Instant.class),
					Boolean.TRUE.equals(row.get("featured", Boolean.class)), row.get("author_id", Long.class),
					row.get("author_name", String.class), categories == null ? List.of() : List.of(categories),
					Boolean.TRUE.equals(row.get("changes_waiting", Boolean.class)));
		}).all().collectList().map(rows -> new Listing(rows.size() > size ? rows.subList(0, size) : rows, page,
				rows.size() > size));
	}

	/** How many posts are drafts, waiting for their time, and live. */
	public Mono<Counts> counts() {
		return database.sql("""
				SELECT count(*) FILTER (WHERE status = 'DRAFT') AS drafts,
				       count(*) FILTER (WHERE status <> 'DRAFT' AND published_at > :now) AS scheduled,
				       count(*) FILTER (WHERE status <> 'DRAFT' AND published_at <= :now) AS published
				FROM posts WHERE trashed_at IS NULL
				""")
			.bind("now", clock.instant())
			.map((row, meta) -> new Counts(row.get("drafts", Long.class), row.get("scheduled", Long.class),
					row.get("published", Long.class)))
			.one();
	}

	/** Where a post stands: draft, scheduled (its time is ahead) or published. */
	public static String stateOf(PostStatus status, Instant publishedAt, Instant now) {
		if (status == PostStatus.DRAFT || publishedAt == null) {
			return "draft";
		}
		return publishedAt.isAfter(now) ? "scheduled" : "published";
	}

	private static String escapeLike(String words) {
		return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * What staff filter by; null or blank means "any". {@code state} is draft, scheduled, published, or review (what
	 * waits for an editor).
	 */
	public record Filter(String state, String categorySlug, Long authorId, String words) {
	}

	public record Row(long id, String slug, String title, String state, Instant publishedAt, Instant updatedAt,
			boolean featured, long authorId, String authorName, List<String> categories, boolean changesWaiting) {
	}

	public record Listing(List<Row> rows, int page, boolean hasNext) {
	}

	public record Counts(long drafts, long scheduled, long published) {
	}
}
