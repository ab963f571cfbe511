package org.drugsandcrime.blog.core.post;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/** A post's categories changed on their own, outside the editor (staff setting one category on many posts at once). */
@Service
public class PostCategories {

	private final DatabaseClient database;

	private final ContentChanges changes;

	private final TransactionalOperator transaction;

	private final java.time.Clock clock;

	PostCategories(DatabaseClient database, ContentChanges changes, TransactionalOperator transaction, java.time.Clock clock) {
		this.database = database;
		this.changes = changes;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Puts the post in exactly this category; false when there is no such post or it is already in this one alone.
	 * The post counts as edited (its feeds and sitemap entry change), and the change is announced.
	 */
	public Mono<Boolean> setOnly(long postId, long categoryId) {
		return database.sql("""
				SELECT array_agg(category_id) = ARRAY[CAST(:category AS bigint)] AS same
				FROM post_categories WHERE post_id = :post
				""")
			.bind("post", postId)
			.bind("category", categoryId)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("same", Boolean.class)))
			.one()
			.flatMap(same -> same ? Mono.just(false) : database
				.sql("UPDATE posts SET updated_at = :now WHERE id = :post RETURNING id")
				.bind("now", clock.instant())
				.bind("post", postId)
				.map((row, meta) -> row.get("id", Long.class))
				.one()
				.flatMap(id -> database.sql("DELETE FROM post_categories WHERE post_id = :post")
					.bind("post", postId)
					.fetch()
					.rowsUpdated()
					.then(database.sql("INSERT INTO post_categories (post_id, category_id) VALUES (:post, :category)")
						.bind("post", postId)
						.bind("category", categoryId)
						.fetch()
						.rowsUpdated())
					.then(changes.announce(new ContentChange("post", postId)))
					.thenReturn(true))
				.defaultIfEmpty(false))
			.as(transaction::transactional);
	}
}
