package org.drugsandcrime.blog.core.comment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Comments as moderators see them: by status with the post each belongs to, moderated one at a time or
 * in bulk (one UPDATE either way), and staff replies, which appear at once.
 */
@Service
public class ModerationQueue {

	public static final int MAX_REPLY_LENGTH = 10_000;

	private final DatabaseClient database;

	private final ContentChanges changes;

	private final TransactionalOperator transaction;

	private final Clock clock;

	ModerationQueue(DatabaseClient database, ContentChanges changes, TransactionalOperator transaction, Clock clock) {
		this.database = database;
		this.changes = changes;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** How much of the comment a reply answers is shown beside it: enough to recognise it. */
	public static final int PARENT_EXCERPT = 280;

	/** A page of comments in one status, newest first; {@code page} starts at 1. */
	public Mono<Listing> list(CommentStatus status, int page, int size) {
		return list(status, null, page, size);
	}

	/**
	 * A page of comments in one status, newest first, on one post when {@code postId} is set; {@code page} starts
	 * at 1. Each row carries its post (and whether readers can see it) and, for a reply, the start of the comment
	 * it answers: one query, joins rather than a look-up per row.
	 */
	public Mono<Listing> list(CommentStatus status, Long postId, int page, int size) {
		Instant now = clock.instant();
		return database.sql("""
				SELECT c.id, c.post_id, p.title AS post_title, p.slug AS post_slug,
				       (p.status <> 'DRAFT' AND p.published_at <= :now) AS post_visible, c.parent_id,
				       c.author_name, c.author_email, c.author_website, c.body, c.status, c.created_at,
				       c.user_id IS NOT NULL AS by_staff,
				       parent.author_name AS parent_author, left(parent.body, :excerpt + 1) AS parent_body,
				       parent.status AS parent_status
				FROM comments c JOIN posts p ON p.id = c.post_id
				LEFT JOIN comments parent ON parent.id = c.parent_id
				WHERE c.status = :status AND (CAST(:post AS bigint) IS NULL OR c.post_id = :post)
				ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset
				""")
			.bind("status", status.name())
			.bind("now", now)
			.bind("excerpt", PARENT_EXCERPT)
			.bind("post", Parameter.fromOrEmpty(postId, Long.class))
			.bind("limit", size + 1)
			.bind("offset", (long) (Math.max(1, page) - 1) * size)
			.map((row, meta) -> {
				String parentStatus = row.get("parent_status", String.class);
				Parent parent = parentStatus == null ? null
						: new Parent(row.get("parent_id", Long.class), row.get("parent_author", String.class),
								excerpt(row.get("parent_body", String.class)), CommentStatus.valueOf(parentStatus));
				return new Queued(row.get("id", Long.class), row.get("post_id", Long.class),
						row.get("post_title", String.class), row.get("post_slug", String.class),
						Boolean.TRUE.equals(row.get("post_visible", Boolean.class)), row.get("parent_id", Long.class),
						parent, row.get("author_name", String.class), row.get("author_email", String.class),
						row.get("author_website", String.class), row.get("body", String.class),
						CommentStatus.valueOf(row.get("status", String.class)), row.get("created_at", Instant.class),
						Boolean.TRUE.equals(row.get("by_staff", Boolean.class)));
			})
			.all()
			.collectList()
			.map(rows -> new Listing(rows.size() > size ? rows.subList(0, size) : rows, page, rows.size() > size));
	}

	private static String excerpt(String body) {
		if (body == null || body.length() <= PARENT_EXCERPT) {
			return body;
		}
		return body.substring(0, PARENT_EXCERPT).strip() + "…";
	}

	public Mono<Map<CommentStatus, Long>> counts() {
		return counts(null);
	}

	/** How many comments are in each status, on one post when {@code postId} is set. */
	public Mono<Map<CommentStatus, Long>> counts(Long postId) {
		return database.sql("""
				SELECT status, count(*) AS n FROM comments
				WHERE CAST(:post AS bigint) IS NULL OR post_id = :post GROUP BY status
				""")
			.bind("post", Parameter.fromOrEmpty(postId, Long.class))
			.map((row, meta) -> Map.entry(CommentStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** The title of the post whose comments are shown, when the queue is narrowed to one; empty for no such post. */
	public Mono<String> postTitle(long postId) {
		return database.sql("SELECT title FROM posts WHERE id = :id")
			.bind("id", postId)
			.map((row, meta) -> row.get("title", String.class))
			.one();
	}

	/** Moves the comments to {@code status}; returns the ids that existed. Readers' pages of their posts change. */
	public Flux<Long> moderate(List<Long> ids, CommentStatus status) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return database.sql("UPDATE comments SET status = :status WHERE id = ANY(:ids) RETURNING id, post_id")
			.bind("status", status.name())
			.bind("ids", ids.toArray(Long[]::new))
			.map((row, meta) -> new long[] { row.get("id", Long.class), row.get("post_id", Long.class) })
			.all()
			.collectList()
			.flatMapMany(rows -> Flux.fromIterable(rows)
				.map(row -> row[1])
				.distinct()
				.concatMap(postId -> changes.announce(new ContentChange("comment", postId)))
				.thenMany(Flux.fromIterable(rows).map(row -> row[0])))
			.as(transaction::transactional);
	}

	/** Text staff write into a comment, stripped; refused when empty or longer than {@value #MAX_REPLY_LENGTH}. */
	private static Mono<String> staffText(String body, String whenEmpty, String kind) {
		String text = body == null ? "" : body.strip();
		if (text.isEmpty()) {
			return Mono.error(new InvalidPostException(whenEmpty));
		}
		if (text.length() > MAX_REPLY_LENGTH) {
			return Mono.error(new InvalidPostException(kind + " are at most " + MAX_REPLY_LENGTH + " characters."));
		}
		return Mono.just(text);
	}

	/**
	 * New text for a comment, as staff correct or redact it (a phone number, a name that must not appear). The
	 * comment keeps its author and place; its post's pages and comment feed change.
	 */
	public Mono<Long> edit(long id, String body) {
		return staffText(body, "A comment needs some text: to remove it, move it to the trash.", "Comments")
			.flatMap(text -> database.sql("UPDATE comments SET body = :body, edited_at = :at WHERE id = :id RETURNING post_id")
				.bind("body", text)
				.bind("at", clock.instant())
				.bind("id", id)
				.map((row, meta) -> row.get("post_id", Long.class))
				.one())
			.switchIfEmpty(Mono.error(new CommentNotFoundException(id)))
			.flatMap(postId -> changes.announce(new ContentChange("comment", postId)).thenReturn(postId))
			.as(transaction::transactional);
	}

	/**
	 * A staff reply to a comment, shown at once. Replying to a comment that waits for moderation approves it:
	 * answering a comment readers cannot see would make no sense; a comment in spam or trash cannot be answered.
	 */
	public Mono<Comment> reply(long parentId, long userId, String name, String email, String body) {
		return staffText(body, "A reply needs some text.", "Replies").flatMap(text -> insertReply(parentId, userId, name,
				email, text));
	}

	private Mono<Comment> insertReply(long parentId, long userId, String name, String email, String text) {
		return database.sql("SELECT post_id, status FROM comments WHERE id = :id FOR UPDATE")
			.bind("id", parentId)
			.map((row, meta) -> Map.entry(row.get("post_id", Long.class), row.get("status", String.class)))
			.one()
			.switchIfEmpty(Mono.error(new CommentNotFoundException(parentId)))
			// A reply is shown at once; under spam or trash it would answer a comment nobody can see.
			.flatMap(parent -> "SPAM".equals(parent.getValue()) || "TRASH".equals(parent.getValue())
					? Mono.error(new InvalidPostException("Only a comment shown on the site, or one waiting for moderation, "
							+ "can be answered: approve it first."))
					: Mono.just(parent))
			.flatMap(parent -> database.sql("UPDATE comments SET status = 'APPROVED' WHERE id = :id AND status = 'PENDING'")
				.bind("id", parentId)
				.fetch()
				.rowsUpdated()
				.then(database.sql("""
						INSERT INTO comments (post_id, parent_id, author_name, author_email, body, status, user_id, created_at)
						VALUES (:post, :parent, :name, :email, :body, 'APPROVED', :user, :at) RETURNING *
						""")
					.bind("post", parent.getKey())
					.bind("parent", parentId)
					.bind("name", name)
					.bind("email", email)
					.bind("body", text)
					.bind("user", userId)
					.bind("at", clock.instant())
					.map((row, meta) -> new Comment(row.get("id", Long.class), row.get("post_id", Long.class),
							row.get("parent_id", Long.class), row.get("author_name", String.class),
							row.get("author_email", String.class), row.get("author_website", String.class),
							row.get("body", String.class), CommentStatus.valueOf(row.get("status", String.class)),
							row.get("user_id", Long.class), Boolean.TRUE.equals(row.get("notify_replies", Boolean.class)),
							row.get("client_address", String.class), row.get("created_at", Instant.class)))
					.one())
				.flatMap(saved -> changes.announce(new ContentChange("comment", saved.postId())).thenReturn(saved)))
			.as(transaction::transactional);
	}

	/**
	 * A comment in the queue. {@code postVisible}: readers can see its post now (so it can be linked on the site);
	 * {@code parent}: the comment it answers, when it is a reply whose parent still exists.
	 */
	public record Queued(long id, long postId, String postTitle, String postSlug, boolean postVisible, Long parentId,
			Parent parent, String authorName, String authorEmail, String authorWebsite, String body,
			CommentStatus status, Instant createdAt, boolean byStaff) {
	}

	/** The comment a reply answers: who wrote it, its first {@value #PARENT_EXCERPT} characters, its status. */
	public record Parent(long id, String authorName, String excerpt, CommentStatus status) {
	}

	public record Listing(List<Queued> rows, int page, boolean hasNext) {
	}

	/** No comment with that id; the web layers answer 404. */
	public static class CommentNotFoundException extends RuntimeException {

		public CommentNotFoundException(long id) {
			super("No comment " + id);
		}
	}
}
