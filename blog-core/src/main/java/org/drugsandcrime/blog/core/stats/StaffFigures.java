package org.drugsandcrime.blog.core.stats;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The figures on the staff dashboard, each one query, each with every period present (a quiet day is a zero,
 * not a gap). Given an author, every figure counts that author's posts only: their views, their posts, the
 * comments on their posts. Views are kept per UTC day, so the view figures use UTC days; the others use
 * {@code zone}'s calendar.
 */
@Service
public class StaffFigures {

	public static final int VIEW_DAYS = 30;

	public static final int MOST_READ = 10;

	public static final int MOST_READ_DAYS = 7;

	public static final int MONTHS = 12;

	public static final int WEEKS = 12;

	private final DatabaseClient database;

	private final Clock clock;

	StaffFigures(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** The day views are counted in now (UTC, as the public site counts them). */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}

	/** Views per day over the last {@value #VIEW_DAYS} days, today last. */
	public Mono<List<Figure>> viewsPerDay(Long authorId) {
		LocalDate to = today();
		String sql = """
				SELECT d::date AS start, coalesce(sum(v.views), 0) AS value
				FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 day') AS d
				LEFT JOIN post_daily_views v ON v.day = d::date %s
				GROUP BY d ORDER BY d
				""".formatted(authorId == null ? "" : "AND v.post_id IN (SELECT id FROM posts WHERE author_id = :author)");
		return figures(sql, authorId, to.minusDays(VIEW_DAYS - 1), to, null);
	}

	/**
	 * The {@value #MOST_READ} posts read most in the last {@value #MOST_READ_DAYS} days, most read first; a post in the
	 * trash is left out (its views still count in the days' totals: they happened).
	 */
	public Mono<List<PostFigure>> mostReadThisWeek(Long authorId) {
		LocalDate to = today();
		DatabaseClient.GenericExecuteSpec query = database.sql("""
				SELECT p.id, p.title, sum(v.views) AS views
				FROM post_daily_views v JOIN posts p ON p.id = v.post_id
				WHERE v.day BETWEEN :from AND :to AND p.trashed_at IS NULL %s
				GROUP BY p.id, p.title
				ORDER BY views DESC, p.id DESC
				LIMIT :limit
				""".formatted(authorId == null ? "" : "AND p.author_id = :author"))
			.bind("from", to.minusDays(MOST_READ_DAYS - 1))
			.bind("to", to)
			.bind("limit", MOST_READ);
		if (authorId != null) {
			query = query.bind("author", authorId);
		}
		return query.map((row, meta) -> new PostFigure(row.get("id", Long.class), row.get("title", String.class),
				row.get("views", Long.class))).all().collectList();
	}

	/** Posts that went live per calendar month over the last {@value #MONTHS} months, this month last. */
	public Mono<List<Figure>> postsPerMonth(Long authorId, ZoneId zone) {
		LocalDate thisMonth = LocalDate.now(clock.withZone(zone)).withDayOfMonth(1);
		String sql = """
				SELECT m::date AS start, count(p.id) AS value
				FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 month') AS m
				LEFT JOIN posts p ON %s
				  AND p.published_at >= (m AT TIME ZONE :zone) AND p.published_at < ((m + interval '1 month') AT TIME ZONE :zone) %s
				GROUP BY m ORDER BY m
				""".formatted(PublishedPosts.VISIBLE, authorId == null ? "" : "AND p.author_id = :author");
		return figures(sql, authorId, thisMonth.minusMonths(MONTHS - 1), thisMonth, zone);
	}

	/**
	 * Comments written per week (Monday to Sunday) over the last {@value #WEEKS} weeks, this week last: every
	 * comment but spam and trash, on the author's posts when given one.
	 */
	public Mono<List<Figure>> commentsPerWeek(Long authorId, ZoneId zone) {
		LocalDate thisWeek = LocalDate.now(clock.withZone(zone)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		String sql = """
				SELECT w::date AS start, count(c.id) AS value
				FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 week') AS w
				LEFT JOIN comments c ON c.status IN ('PENDING', 'APPROVED')
				  AND c.created_at >= (w AT TIME ZONE :zone) AND c.created_at < ((w + interval '1 week') AT TIME ZONE :zone) %s
				GROUP BY w ORDER BY w
				""".formatted(authorId == null ? "" : "AND c.post_id IN (SELECT id FROM posts WHERE author_id = :author)");
		return figures(sql, authorId, thisWeek.minusWeeks(WEEKS - 1), thisWeek, zone);
	}

	/**
	 * Confirmed subscribers at the end of each of the last {@value #MONTHS} months (for this month: now). A site-wide
	 * figure: there is no author's share of it.
	 */
	public Mono<List<Figure>> subscribersPerMonth(ZoneId zone) {
		LocalDate thisMonth = LocalDate.now(clock.withZone(zone)).withDayOfMonth(1);
		String sql = """
				SELECT m::date AS start,
				       (SELECT count(*) FROM subscribers s
				        WHERE s.confirmed_at < least((m + interval '1 month') AT TIME ZONE :zone, :now)
				          AND (s.unsubscribed_at IS NULL OR s.unsubscribed_at >= least((m + interval '1 month') AT TIME ZONE :zone, :now))) AS value
				FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp), interval '1 month') AS m
				ORDER BY m
				""";
		return figures(sql, null, thisMonth.minusMonths(MONTHS - 1), thisMonth, zone);
	}

	/**
	 * Drafts (not in the trash), scheduled and published posts, and comments waiting for moderation: the author's own
	 * when given one.
	 */
	public Mono<Counts> counts(Long authorId) {
		DatabaseClient.GenericExecuteSpec query = database.sql("""
				SELECT (SELECT count(*) FROM posts p WHERE p.status = 'DRAFT' AND p.trashed_at IS NULL %1$s) AS drafts,
				       (SELECT count(*) FROM posts p WHERE p.status <> 'DRAFT' AND p.published_at > :now %1$s) AS scheduled,
				       (SELECT count(*) FROM posts p WHERE %2$s %1$s) AS published,
				       (SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.status = 'PENDING' %1$s) AS pending
				""".formatted(authorId == null ? "" : "AND p.author_id = :author", PublishedPosts.VISIBLE))
			.bind("now", clock.instant());
		if (authorId != null) {
			query = query.bind("author", authorId);
		}
		return query.map((row, meta) -> new Counts(row.get("drafts", Long.class), row.get("scheduled", Long.class),
				row.get("published", Long.class), row.get("pending", Long.class))).one();
	}

	private Mono<List<Figure>> figures(String sql, Long authorId, LocalDate from, LocalDate to, ZoneId zone) {
		DatabaseClient.GenericExecuteSpec query = database.sql(sql).bind("from", from).bind("to", to);
		if (sql.contains(":author")) {
			query = query.bind("author", authorId);
		}
		if (sql.contains(":zone")) {
			query = query.bind("zone", zone.getId());
		}
		if (sql.contains(":now")) {
			query = query.bind("now", clock.instant());
		}
		return query.map((row, meta) -> new Figure(row.get("start", LocalDate.class), row.get("value", Long.class)))
			.all()
			.collectList();
	}

	/** A period (a day, or the first day of a week or month) and its figure. */
	public record Figure(LocalDate start, long value) {
	}

	/** A post and its views. */
	public record PostFigure(long postId, String title, long views) {
	}

	public record Counts(long drafts, long scheduled, long published, long pendingComments) {
	}
}
