package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What waits for an editor: authors' drafts submitted for review (an editor decides when they go out), and authors'
 * edits of live posts, kept aside by {@link PostEditing} until an editor approves (the edit is saved) or rejects them.
 */
@Service
public class PostReview {

	private final DatabaseClient database;

	private final Clock clock;

	private final PendingChanges pending;

	private final PostEditing editing;

	private final PostRepository posts;

	private final TransactionalOperator transaction;

	PostReview(DatabaseClient database, Clock clock, PendingChanges pending, PostEditing editing, PostRepository posts,
			TransactionalOperator transaction) {
		this.database = database;
		this.clock = clock;
		this.pending = pending;
		this.editing = editing;
		this.posts = posts;
		this.transaction = transaction;
	}

	/** The author's edit of this live post that waits for an editor, if there is one. */
	public Mono<PendingChange> pendingChange(long postId) {
		return pending.of(postId);
	}

	/**
	 * Saves the waiting edit as the editor's own (so the live post changes, its caches are told, a revision keeps the
	 * text it replaces) and ends the wait. Only an editor or admin approves; 404 when nothing waits.
	 */
	public Mono<Post> approve(long postId, long editorId) {
		return mayDecide(editorId)
			.then(pending.of(postId))
			.switchIfEmpty(Mono.error(new PostNotFoundException("pending change of post " + postId)))
			.flatMap(change -> posts.findById(postId)
				.switchIfEmpty(Mono.error(new PostNotFoundException(postId)))
				.flatMap(post -> editing.save(change.toDraft(post.getAuthorId()), editorId)))
			.flatMap(saved -> pending.withdraw(postId).thenReturn(saved))
			.as(transaction::transactional);
	}

	/** Throws the waiting edit away (an editor's rejection, or its author withdrawing it); whether one waited. */
	public Mono<Boolean> reject(long postId) {
		return pending.withdraw(postId);
	}

	private Mono<Void> mayDecide(long editorId) {
		return database.sql("SELECT role FROM users WHERE id = :id")
			.bind("id", editorId)
			.map((row, meta) -> Role.valueOf(row.get("role", String.class)))
			.one()
			.filter(Role::mayEditOthersPosts)
			.switchIfEmpty(Mono.error(new InvalidPostException("Only an editor or an admin approves changes to a live post.")))
			.then();
	}

	/** Marks a draft as waiting for review; false when the post is not a draft (nothing to review). */
	public Mono<Boolean> request(long postId) {
		return database.sql("UPDATE posts SET review_requested_at = :now WHERE id = :id AND status = 'DRAFT'")
			.bind("now", clock.instant())
			.bind("id", postId)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated > 0);
	}

	/** The review is over: the post was published or scheduled. */
	public Mono<Void> clear(long postId) {
		return database.sql("UPDATE posts SET review_requested_at = NULL WHERE id = :id AND review_requested_at IS NOT NULL")
			.bind("id", postId)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Drafts waiting for review and edits of live posts waiting for approval, longest-waiting first. */
	public Flux<Waiting> waiting(int limit) {
		return database.sql("""
				SELECT p.id, p.title, u.display_name, p.review_requested_at AS since, false AS change
				FROM posts p JOIN users u ON u.id = p.author_id
				WHERE p.review_requested_at IS NOT NULL AND p.status = 'DRAFT'
				UNION ALL
				SELECT p.id, p.title, coalesce(u.display_name, a.display_name), c.submitted_at, true
				FROM post_pending_changes c JOIN posts p ON p.id = c.post_id JOIN users a ON a.id = p.author_id
				LEFT JOIN users u ON u.id = c.submitted_by
				ORDER BY since LIMIT :limit
				""")
			.bind("limit", limit)
			.map((row, meta) -> new Waiting(row.get("id", Long.class), row.get("title", String.class),
					row.get("display_name", String.class), row.get("since", Instant.class),
					Boolean.TRUE.equals(row.get("change", Boolean.class))))
			.all();
	}

	public Mono<Boolean> isWaiting(long postId) {
		return database.sql("SELECT review_requested_at IS NOT NULL AND status = 'DRAFT' AS waiting FROM posts WHERE id = :id")
			.bind("id", postId)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("waiting", Boolean.class)))
			.one()
			.defaultIfEmpty(false);
	}

	/** {@code changeToLivePost}: an edit of a live post waiting for approval, rather than a draft waiting to go out. */
	public record Waiting(long id, String title, String authorName, Instant since, boolean changeToLivePost) {
	}
}
