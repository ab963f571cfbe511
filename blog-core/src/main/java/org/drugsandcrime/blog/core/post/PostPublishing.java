package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.mail.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Moves posts between draft, scheduled and published. Visibility follows from the stored time alone;
 * {@link #announceDue()} is what makes the side effects of going live (subscriber mail, hub pings) happen
 * exactly once, whichever process gets there first.
 */
@Service
public class PostPublishing {

	private final PostRepository posts;

	private final ContentChanges changes;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Outbox outbox;

	PostPublishing(PostRepository posts, ContentChanges changes, DatabaseClient database,
			TransactionalOperator transaction, ApplicationEventPublisher events, Clock clock, Outbox outbox) {
		this.posts = posts;
		this.changes = changes;
		this.database = database;
		this.transaction = transaction;
		this.events = events;
		this.clock = clock;
		this.outbox = outbox;
	}

	/** Publishes now; a post that was already live keeps its original date. */
	public Mono<Post> publish(long postId) {
		Instant now = clock.instant();
		return change(postId, post -> {
			if (post.getStatus() != PostStatus.PUBLISHED || post.getPublishedAt() == null
					|| post.getPublishedAt().isAfter(now)) {
				post.setPublishedAt(now);
			}
			post.setStatus(PostStatus.PUBLISHED);
		});
	}

	/** Publishes at a future time. */
	public Mono<Post> schedule(long postId, Instant at) {
		if (at == null || !at.isAfter(clock.instant())) {
			return Mono.error(new InvalidPostException("A scheduled time must be in the future."));
		}
		return change(postId, post -> {
			post.setStatus(PostStatus.SCHEDULED);
			post.setPublishedAt(at);
		});
	}

	/** Takes a post off the site and out of the feeds; it keeps its dates and guid for when it returns. */
	public Mono<Post> unpublish(long postId) {
		return change(postId, post -> post.setStatus(PostStatus.DRAFT));
	}

	/**
	 * Marks every post whose time has come and that was never announced, and tells the application about
	 * each one. A single UPDATE: of two processes running it at once, each row goes to exactly one. The
	 * subscribers' notifications are queued in the same transaction, so they exist exactly when the mark does.
	 */
	public Flux<Long> announceDue() {
		Instant now = clock.instant();
		return database
			.sql("UPDATE posts SET announced_at = :now, status = 'PUBLISHED' "
					+ "WHERE status <> 'DRAFT' AND published_at <= :now AND announced_at IS NULL RETURNING id")
			.bind("now", now)
			.map((row, meta) -> row.get("id", Long.class))
			.all()
			// Read every id before the next statement: the connection answers one statement at a time, so
			// queries issued while the UPDATE's rows are still being demanded wait behind them for ever.
			.collectList()
			.flatMapIterable(ids -> ids)
			.concatMap(id -> changes.announce(new ContentChange("post", id)).then(outbox.queueAnnouncement(id)).thenReturn(id))
			.as(transaction::transactional)
			.doOnNext(id -> events.publishEvent(new PostWentLive(id)));
	}

	private Mono<Post> change(long postId, java.util.function.Consumer<Post> edit) {
		return posts.findById(postId)
			.switchIfEmpty(Mono.error(new PostNotFoundException(postId)))
			.flatMap(post -> {
				edit.accept(post);
				post.setUpdatedAt(clock.instant());
				return posts.save(post);
			})
			.flatMap(saved -> changes.announce(new ContentChange("post", saved.getId())).thenReturn(saved))
			.as(transaction::transactional);
	}

	/** A post became visible to readers for the first time. */
	public record PostWentLive(long postId) {
	}
}
