package org.drugsandcrime.blog.core.search;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Full-text search over published posts with PostgreSQL: English stemming, the web-search syntax readers know
 * ("a quoted phrase", -excluded, or), ranking in which the title weighs most, then tags and excerpt, then the
 * body, and highlighted passages.
 */
@Service
public class PostSearch {

	/** Longer queries are refused before they reach the database: nobody types more, and parsing costs. */
	public static final int MAX_QUERY_LENGTH = 200;

	public static final int PAGE_SIZE = 10;

	// Control characters cannot occur in stored text, so they mark matches safely through HTML escaping.
	private static final String START = "\u0001";

	private static final String STOP = "\u0002";

	private static final String HEADLINE = "StartSel=" + START + ", StopSel=" + STOP;

	/**
	 * Ranks all matches but writes headlines only for the page shown: ts_headline re-parses the text and is by
	 * far the most expensive step. Weights are {D, C, B, A}: body, -, tags and excerpt, title.
	 */
	private static final String QUERY = """
			WITH q AS (SELECT websearch_to_tsquery('english', :q) AS query),
			hits AS (
			    SELECT p.id, ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, q.query) AS rank
			    FROM posts p, q
			    WHERE %1$s AND p.search_vector @@ q.query
			    ORDER BY rank DESC, p.published_at DESC, p.id DESC
			    LIMIT :limit OFFSET :offset
			)
			SELECT %2$s,
			       ts_headline('english', p.title, q.query, '%3$s, HighlightAll=true') AS title_marked,
			       ts_headline('english', coalesce(p.body_text, ''), q.query,
			                   '%3$s, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "') AS snippet_marked
			FROM hits JOIN posts p ON p.id = hits.id JOIN users u ON u.id = p.author_id, q
			ORDER BY hits.rank DESC, p.published_at DESC, p.id DESC
			""".formatted(PublishedPosts.VISIBLE, PublishedPosts.SUMMARY_COLUMNS, HEADLINE);

	private final DatabaseClient database;

	private final Clock clock;

	PostSearch(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** Page {@code page} (from 1) of the posts matching {@code text}; never an error for what a reader types. */
	public Mono<SearchResults> search(String text, int page) {
		String query = text == null ? "" : text.strip();
		if (query.isEmpty()) {
			return Mono.just(SearchResults.refused(query, SearchResults.Outcome.EMPTY, page));
		}
		if (query.length() > MAX_QUERY_LENGTH) {
			return Mono.just(SearchResults.refused(query.substring(0, MAX_QUERY_LENGTH), SearchResults.Outcome.TOO_LONG, page));
		}
		String cleaned = query.replace(START, " ").replace(STOP, " ").replace('\u0000', ' ');
		return database.sql("SELECT numnode(websearch_to_tsquery('english', :q)) AS nodes")
			.bind("q", cleaned)
			.map((row, meta) -> row.get("nodes", Integer.class))
			.one()
			.flatMap(nodes -> nodes == 0 ? Mono.just(SearchResults.refused(query, SearchResults.Outcome.ONLY_STOP_WORDS, page))
					: matches(query, cleaned, page));
	}

	private Mono<SearchResults> matches(String query, String cleaned, int page) {
		return database.sql(QUERY)
			.bind("q", cleaned)
			.bind("now", clock.instant())
			.bind("limit", PAGE_SIZE + 1)
			.bind("offset", (long) (Math.max(page, 1) - 1) * PAGE_SIZE)
			.map((row, meta) -> new SearchHit(PublishedPosts.summary(row), marked(row.get("title_marked", String.class)),
					marked(row.get("snippet_marked", String.class))))
			.all()
			.collectList()
			.map(hits -> {
				boolean hasNext = hits.size() > PAGE_SIZE;
				List<SearchHit> shown = hasNext ? hits.subList(0, PAGE_SIZE) : hits;
				SearchResults.Outcome outcome = shown.isEmpty() ? SearchResults.Outcome.NOTHING_FOUND
						: SearchResults.Outcome.FOUND;
				return new SearchResults(query, outcome, List.copyOf(shown), page, hasNext);
			});
	}

	private static String marked(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder html = new StringBuilder(text.length() + 32);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> html.append("&amp;");
				case '<' -> html.append("&lt;");
				case '>' -> html.append("&gt;");
				case '"' -> html.append("&quot;");
				case '\'' -> html.append("&#39;");
				case '\u0001' -> html.append("<mark>");
				case '\u0002' -> html.append("</mark>");
				default -> html.append(c);
			}
		}
		return html.toString();
	}
}
