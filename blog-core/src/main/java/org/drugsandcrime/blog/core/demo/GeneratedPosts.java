package org.drugsandcrime.blog.core.demo;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The benchmarks' data set: N posts, one an hour back from now, with categories, tags, a series, three
 * comments each and bodies of a realistic length. Generated inside PostgreSQL with set-based inserts,
 * because rendering 100,000 posts one by one through the editor would take longer than the benchmark.
 * The bodies are made of fixed, already-safe HTML paragraphs, so nothing unsanitised enters.
 */
@Component
class GeneratedPosts {

	private static final Log logger = LogFactory.getLog(GeneratedPosts.class);

	/**
	 * Twenty themes, two to a post, so that a search term matches a realistic share of the archive (about one
	 * post in ten) instead of every post.
	 */
	private static final String THEMES = "ARRAY['probation supervision', 'payment by results', 'drug treatment', "
			+ "'prison education', 'sentencing reform', 'youth justice', 'alcohol services', 'community sentences', "
			+ "'recovery housing', 'electronic monitoring', 'restorative justice', 'mental health diversion', "
			+ "'women offenders', 'police custody', 'court backlogs', 'social impact bonds', 'resettlement', "
			+ "'employment support', 'victim services', 'through-the-gate mentoring']";

	private final DatabaseClient database;

	private final Clock clock;

	GeneratedPosts(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	Mono<Void> generate(int count) {
		long started = System.nanoTime();
		return execute("""
				INSERT INTO users (email, display_name, slug, bio, twitter_handle, role)
				VALUES ('writer1@example.org', 'Alex Writer', 'alex-writer', 'Writes about probation.', 'alexwriter', 'AUTHOR'),
				       ('writer2@example.org', 'Sam Analyst', 'sam-analyst', 'Analyses reoffending data.', 'samanalyst', 'AUTHOR')
				ON CONFLICT DO NOTHING""")
			.then(execute("""
					INSERT INTO categories (slug, name) VALUES ('payment-by-results', 'Payment by Results'),
					       ('on-probation', 'On Probation'), ('featured', 'Featured') ON CONFLICT DO NOTHING"""))
			.then(execute("""
					INSERT INTO tags (slug, name)
					SELECT 'topic-' || n, 'topic ' || n FROM generate_series(1, 50) n ON CONFLICT DO NOTHING"""))
			.then(execute("INSERT INTO series (slug, name) VALUES ('generated-series', 'Generated series') ON CONFLICT DO NOTHING"))
			.then(database.sql("""
					INSERT INTO posts (guid, slug, title, excerpt, body_markdown, body_html, body_text, reading_minutes, status,
					                   published_at, created_at, updated_at, announced_at, author_id, series_id, series_position,
					                   featured, tag_names)
					SELECT 'urn:uuid:' || md5('generated-' || n)::uuid,
					       'generated-post-' || n,
					       'Reoffending pilot report number ' || n || ': ' || a.theme,
					       'Findings of pilot ' || n || ' on ' || a.theme || ' and ' || b.theme || '.',
					       repeat('Paragraph about ' || a.theme || ' and ' || b.theme || ' in pilot ' || n || '. ', 3),
					       repeat('<p>Paragraph about ' || a.theme || ' and ' || b.theme || ' in pilot ' || n || '. The commissioning model pays providers for results.</p>', 6),
					       repeat('Paragraph about ' || a.theme || ' and ' || b.theme || ' in pilot ' || n || '. The commissioning model pays providers for results. ', 6),
					       2, 'PUBLISHED', ts, ts, ts, ts,
					       (SELECT id FROM users WHERE slug = CASE WHEN n % 2 = 0 THEN 'alex-writer' ELSE 'sam-analyst' END),
					       CASE WHEN n % 100 = 0 THEN (SELECT id FROM series WHERE slug = 'generated-series') END,
					       CASE WHEN n % 100 = 0 THEN n / 100 END,
					       n % 500 = 0,
					       'topic ' || (1 + n % 50) || ' topic ' || (1 + (n * 7) % 50)
					FROM generate_series(1, :count) n,
					     LATERAL (SELECT CAST(:now AS timestamptz) - make_interval(hours => :count - n + 1) AS ts) t,
					     LATERAL (SELECT ({THEMES})[1 + n % 20] AS theme) a,
					     LATERAL (SELECT ({THEMES})[1 + (n * 7 + 3) % 20] AS theme) b
					""".replace("{THEMES}", THEMES)).bind("count", count).bind("now", clock.instant()).fetch().rowsUpdated())
			.then(execute("""
					INSERT INTO post_categories (post_id, category_id)
					SELECT p.id, c.id FROM posts p JOIN categories c
					  ON c.slug = CASE WHEN p.id % 2 = 0 THEN 'payment-by-results' ELSE 'on-probation' END
					WHERE p.slug LIKE 'generated-post-%'"""))
			.then(execute("""
					INSERT INTO post_tags (post_id, tag_id)
					SELECT DISTINCT p.id, t.id FROM posts p JOIN tags t
					  ON t.slug IN ('topic-' || (1 + p.id % 50), 'topic-' || (1 + (p.id * 7) % 50))
					WHERE p.slug LIKE 'generated-post-%'"""))
			.then(execute("""
					INSERT INTO comments (post_id, author_name, author_email, body, status, created_at)
					SELECT p.id, 'Reader ' || k, 'reader' || k || '@example.org',
					       'Comment ' || k || ' on this report: the results look promising but the sample is small.',
					       'APPROVED', p.published_at + make_interval(hours => k)
					FROM posts p, generate_series(1, 3) k
					WHERE p.slug LIKE 'generated-post-%'"""))
			.then(execute("ANALYZE"))
			.doOnSuccess(done -> logger.info("Generated " + count + " posts with 3 comments each in "
					+ (System.nanoTime() - started) / 1_000_000 + " ms"));
	}

	private Mono<Void> execute(String sql) {
		return database.sql(sql).fetch().rowsUpdated().then();
	}
}
