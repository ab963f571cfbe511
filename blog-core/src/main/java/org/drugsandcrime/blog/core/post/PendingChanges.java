package org.drugsandcrime.blog.core.post;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The table of authors' edits to live posts that wait for an editor ({@code post_pending_changes}, V83): one per post. */
@Component
class PendingChanges {

	private static final String COLUMNS = """
			c.post_id, c.title, c.slug, c.body_markdown, c.excerpt, c.categories, c.tags, c.series, c.series_position,
			c.featured, c.cover_image, c.seo_description, u.display_name, c.submitted_at""";

	private final DatabaseClient database;

	PendingChanges(DatabaseClient database) {
		this.database = database;
	}

	/** Keeps the change, replacing an earlier one of the same post. */
	Mono<Void> keep(PendingChange change, Long submittedBy, Instant now) {
		DatabaseClient.GenericExecuteSpec upsert = database.sql("""
				INSERT INTO post_pending_changes (post_id, title, slug, body_markdown, excerpt, categories, tags, series,
				    series_position, featured, cover_image, seo_description, submitted_by, submitted_at)
				VALUES (:post, :title, :slug, :body, :excerpt, :categories, :tags, :series, :position, :featured, :cover,
				    :seo, :by, :at)
				ON CONFLICT (post_id) DO UPDATE SET title = EXCLUDED.title, slug = EXCLUDED.slug,
				    body_markdown = EXCLUDED.body_markdown, excerpt = EXCLUDED.excerpt, categories = EXCLUDED.categories,
				    tags = EXCLUDED.tags, series = EXCLUDED.series, series_position = EXCLUDED.series_position,
				    featured = EXCLUDED.featured, cover_image = EXCLUDED.cover_image,
				    seo_description = EXCLUDED.seo_description, submitted_by = EXCLUDED.submitted_by,
				    submitted_at = EXCLUDED.submitted_at""")
			.bind("post", change.postId())
			.bind("title", change.title())
			.bind("slug", change.slug())
			.bind("body", change.bodyMarkdown())
			.bind("excerpt", change.excerpt())
			.bind("categories", change.categories().toArray(String[]::new))
			.bind("tags", change.tags().toArray(String[]::new))
			.bind("series", change.series())
			.bind("featured", change.featured())
			.bind("at", now);
		upsert = change.seriesPosition() == null ? upsert.bindNull("position", Integer.class)
				: upsert.bind("position", change.seriesPosition());
		upsert = change.coverImage() == null ? upsert.bindNull("cover", String.class) : upsert.bind("cover", change.coverImage());
		upsert = change.seoDescription() == null ? upsert.bindNull("seo", String.class)
				: upsert.bind("seo", change.seoDescription());
		upsert = submittedBy == null ? upsert.bindNull("by", Long.class) : upsert.bind("by", submittedBy);
		return upsert.fetch().rowsUpdated().then();
	}

	/** Throws the post's pending change away; whether there was one. */
	Mono<Boolean> withdraw(long postId) {
		return database.sql("DELETE FROM post_pending_changes WHERE post_id = :post")
			.bind("post", postId)
			.fetch()
			.rowsUpdated()
			.map(deleted -> deleted > 0);
	}

	Mono<PendingChange> of(long postId) {
		return database.sql("SELECT " + COLUMNS
				+ " FROM post_pending_changes c LEFT JOIN users u ON u.id = c.submitted_by WHERE c.post_id = :post")
			.bind("post", postId)
			.map((row, meta) -> {
				String[] categories = row.get("categories", String[].class);
				String[] tags = row.get("tags", String[].class);
				return new PendingChange(row.get("post_id", Long.class), row.get("title", String.class),
						row.get("slug", String.class), row.get("body_markdown", String.class), row.get("excerpt", String.class),
						categories == null ? List.of() : List.of(categories), tags == null ? List.of() : List.of(tags),
						row.get("series", String.class), row.get("series_position", Integer.class),
						Boolean.TRUE.equals(row.get("featured", Boolean.class)), row.get("cover_image", String.class),
						row.get("seo_description", String.class), row.get("display_name", String.class),
						row.get("submitted_at", Instant.class));
			})
			.one();
	}
}
