package org.drugsandcrime.blog.core.trash;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Posts and pages in the trash. Trashing makes the item a draft that remembers the status it had, so it leaves the
 * public site, the feeds, the sitemaps and search through the same predicate that hides every draft, and
 * restoring gives the status back (a published post is live again under its old date and address; it is not
 * announced to subscribers a second time). Only what is in the trash can be deleted for good, which takes its
 * comments, revisions and category and tag links with it. Every change is announced, so page caches forget.
 */
@Service
public class Trash {

	/** Items deleted at once by emptying the trash; a larger trash takes several presses. */
	public static final int EMPTY_AT_ONCE = 1000;

	private final DatabaseClient database;

	private final ContentChanges changes;

	private final TransactionalOperator transaction;

	private final Clock clock;

	Trash(DatabaseClient database, ContentChanges changes, TransactionalOperator transaction, Clock clock) {
		this.database = database;
		this.changes = changes;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Where a post stands as far as the trash is concerned; empty when there is no such post. */
	public Mono<PostState> post(long id) {
		return database.sql("SELECT author_id, status, trashed_status FROM posts WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> {
				String trashed = row.get("trashed_status", String.class);
				return new PostState(id, row.get("author_id", Long.class), PostStatus.valueOf(row.get("status", String.class)),
						trashed == null ? null : PostStatus.valueOf(trashed));
			})
			.one();
	}

	/** Moves a post to the trash; false when it was not there to move (gone, or in the trash already). */
	public Mono<Boolean> trashPost(long id) {
		Instant now = clock.instant();
		// SET reads the row as it was, so trashed_status keeps the status before this statement.
		return changed("post", database.sql("""
				UPDATE posts SET trashed_at = :now, trashed_status = status, status = 'DRAFT', review_requested_at = NULL,
				                 updated_at = :now
				WHERE id = :id AND trashed_at IS NULL RETURNING id
				""").bind("now", now).bind("id", id));
	}

	/** Gives a trashed post back the status it had; false when it was not in the trash. */
	public Mono<Boolean> restorePost(long id) {
		return changed("post", database.sql("""
				UPDATE posts SET status = trashed_status, trashed_at = NULL, trashed_status = NULL, updated_at = :now
				WHERE id = :id AND trashed_at IS NOT NULL RETURNING id
				""").bind("now", clock.instant()).bind("id", id));
	}

	/** Deletes a trashed post for good; false when it was not in the trash. */
	public Mono<Boolean> deletePost(long id) {
		return changed("post", database.sql("DELETE FROM posts WHERE id = :id AND trashed_at IS NOT NULL RETURNING id")
			.bind("id", id));
	}

	/** Deletes the trashed posts for good, oldest in the trash first; their ids. */
	public Flux<Long> emptyPosts() {
		return emptied("post", "posts");
	}

	/** The trashed posts, newest in the trash first; only {@code authorId}'s when it is given. */
	public Mono<List<TrashedPost>> posts(Long authorId, int limit) {
		DatabaseClient.GenericExecuteSpec query = database.sql("""
				SELECT p.id, p.title, p.trashed_status, p.trashed_at, p.author_id, u.display_name AS author_name
				FROM posts p JOIN users u ON u.id = p.author_id
				WHERE p.trashed_at IS NOT NULL AND (CAST(:author AS bigint) IS NULL OR p.author_id = :author)
				ORDER BY p.trashed_at DESC, p.id DESC LIMIT :limit
				""").bind("limit", limit);
		query = authorId == null ? query.bindNull("author", Long.class) : query.bind("author", authorId);
		return query
			.map((row, meta) -> new TrashedPost(row.get("id", Long.class), row.get("title", String.class),
					PostStatus.valueOf(row.get("trashed_status", String.class)), row.get("trashed_at", Instant.class),
					row.get("author_id", Long.class), row.get("author_name", String.class)))
			.all()
			.collectList();
	}

	/** Whether a page is in the trash; empty when there is no such page. */
	public Mono<Boolean> isPageTrashed(long id) {
		return database.sql("SELECT trashed_at IS NOT NULL AS trashed FROM pages WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("trashed", Boolean.class)))
			.one();
	}

	public Mono<Boolean> trashPage(long id) {
		Instant now = clock.instant();
		return changed("page", database.sql("""
				UPDATE pages SET trashed_at = :now, trashed_status = status, status = 'DRAFT', updated_at = :now
				WHERE id = :id AND trashed_at IS NULL RETURNING id
				""").bind("now", now).bind("id", id));
	}

	public Mono<Boolean> restorePage(long id) {
		return changed("page", database.sql("""
				UPDATE pages SET status = trashed_status, trashed_at = NULL, trashed_status = NULL, updated_at = :now
				WHERE id = :id AND trashed_at IS NOT NULL RETURNING id
				""").bind("now", clock.instant()).bind("id", id));
	}

	public Mono<Boolean> deletePage(long id) {
		return changed("page", database.sql("DELETE FROM pages WHERE id = :id AND trashed_at IS NOT NULL RETURNING id")
			.bind("id", id));
	}

	public Flux<Long> emptyPages() {
		return emptied("page", "pages");
	}

	/** The trashed pages, newest in the trash first. */
	public Mono<List<TrashedPage>> pages() {
		return database.sql("""
				SELECT id, title, slug, trashed_status, trashed_at FROM pages WHERE trashed_at IS NOT NULL
				ORDER BY trashed_at DESC, id DESC
				""")
			.map((row, meta) -> new TrashedPage(row.get("id", Long.class), row.get("title", String.class),
					row.get("slug", String.class), "PUBLISHED".equals(row.get("trashed_status", String.class)),
					row.get("trashed_at", Instant.class)))
			.all()
			.collectList();
	}

	private Mono<Boolean> changed(String kind, DatabaseClient.GenericExecuteSpec statement) {
		return statement.map((row, meta) -> row.get("id", Long.class))
			.one()
			.flatMap(id -> changes.announce(new ContentChange(kind, id)).thenReturn(true))
			.defaultIfEmpty(false)
			.as(transaction::transactional);
	}

	private Flux<Long> emptied(String kind, String table) {
		return database.sql("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
				+ " WHERE trashed_at IS NOT NULL ORDER BY trashed_at LIMIT " + EMPTY_AT_ONCE + ") RETURNING id")
			.map((row, meta) -> row.get("id", Long.class))
			.all()
			// Every id first: the connection answers one statement at a time (see PostPublishing.announceDue).
			.collectList()
			.flatMapIterable(ids -> ids)
			.concatMap(id -> changes.announce(new ContentChange(kind, id)).thenReturn(id))
			.as(transaction::transactional);
	}

	/**
	 * A post's owner and status, and the status it had before the trash ({@code trashedStatus}, null when it is not
	 * in the trash).
	 */
	public record PostState(long id, long authorId, PostStatus status, PostStatus trashedStatus) {

		public boolean trashed() {
			return trashedStatus != null;
		}
	}

	/** A post in the trash and what it was before ({@code was}). */
	public record TrashedPost(long id, String title, PostStatus was, Instant trashedAt, long authorId, String authorName) {
	}

	/** A page in the trash; {@code wasPublished} says whether restoring puts it back on the site. */
	public record TrashedPage(long id, String title, String slug, boolean wasPublished, Instant trashedAt) {
	}
}
