package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The editor's safety net: what staff typed, kept every few seconds in one slot per post, without touching the
 * post itself. A live post therefore never changes by autosave, and no revision is written per pause in typing.
 * The slot counts only while it is newer than the post: saving the post (from this editor or any other way)
 * makes it stale, and {@link #discard} removes it.
 */
@Service
public class PostAutosaves {

	private final DatabaseClient database;

	private final Clock clock;

	PostAutosaves(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** The editor's fields as typed, text only: nothing is checked until staff save the post. */
	public record Fields(String title, String slug, String body, String excerpt, String categories, String tags,
			String series, String seriesPosition, boolean featured, String coverImage, String seoDescription) {

		public Fields {
			title = text(title);
			slug = text(slug);
			body = text(body);
			excerpt = text(excerpt);
			categories = text(categories);
			tags = text(tags);
			series = text(series);
			seriesPosition = text(seriesPosition);
			coverImage = text(coverImage);
			seoDescription = text(seoDescription);
		}

		private static String text(String value) {
			return value == null ? "" : value;
		}
	}

	public record Autosave(long postId, Fields fields, Instant savedAt, Long savedBy) {
	}

	/** Keeps the fields in the post's slot, replacing what was there; answers the time it was kept. */
	public Mono<Instant> keep(long postId, Fields fields, long staffId) {
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO post_autosaves (post_id, title, slug, body_markdown, excerpt, categories, tags, series,
				    series_position, featured, cover_image, seo_description, saved_at, saved_by)
				VALUES (:post, :title, :slug, :body, :excerpt, :categories, :tags, :series, :position, :featured, :cover,
				    :seo, :at, :by)
				ON CONFLICT (post_id) DO UPDATE SET title = EXCLUDED.title, slug = EXCLUDED.slug,
				    body_markdown = EXCLUDED.body_markdown, excerpt = EXCLUDED.excerpt, categories = EXCLUDED.categories,
				    tags = EXCLUDED.tags, series = EXCLUDED.series, series_position = EXCLUDED.series_position,
				    featured = EXCLUDED.featured, cover_image = EXCLUDED.cover_image,
				    seo_description = EXCLUDED.seo_description, saved_at = EXCLUDED.saved_at, saved_by = EXCLUDED.saved_by""")
			.bind("post", postId)
			.bind("title", fields.title())
			.bind("slug", fields.slug())
			.bind("body", fields.body())
			.bind("excerpt", fields.excerpt())
			.bind("categories", fields.categories())
			.bind("tags", fields.tags())
			.bind("series", fields.series())
			.bind("position", fields.seriesPosition())
			.bind("featured", fields.featured())
			.bind("cover", fields.coverImage())
			.bind("seo", fields.seoDescription())
			.bind("at", now)
			.bind("by", staffId)
			.fetch()
			.rowsUpdated()
			.thenReturn(now);
	}

	/** The post's autosave when it holds something newer than the post as last saved; empty otherwise. */
	public Mono<Autosave> newerThanPost(long postId) {
		return database.sql("""
				SELECT a.* FROM post_autosaves a JOIN posts p ON p.id = a.post_id
				WHERE a.post_id = :post AND a.saved_at >= p.updated_at""")
			.bind("post", postId)
			.map((row, meta) -> new Autosave(row.get("post_id", Long.class),
					new Fields(row.get("title", String.class), row.get("slug", String.class),
							row.get("body_markdown", String.class), row.get("excerpt", String.class),
							row.get("categories", String.class), row.get("tags", String.class),
							row.get("series", String.class), row.get("series_position", String.class),
							Boolean.TRUE.equals(row.get("featured", Boolean.class)), row.get("cover_image", String.class),
							row.get("seo_description", String.class)),
					row.get("saved_at", Instant.class), row.get("saved_by", Long.class)))
			.one();
	}

	/** Forgets the post's autosave (after a save, or when staff throw it away). */
	public Mono<Void> discard(long postId) {
		return database.sql("DELETE FROM post_autosaves WHERE post_id = :post").bind("post", postId).fetch().rowsUpdated().then();
	}
}
