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

	/**
	 * Publishes now and records whether subscribers are emailed when it is announced ({@code emailSubscribers});
	 * a post announced before is not announced again either way.
	 */
	public Mono<Post> publish(long postId, boolean emailSubscribers) {
		return choose(postId, emailSubscribers, publish(postId));
	}

	/** Schedules, recording whether subscribers are emailed when the time comes; see {@link #publish(long, boolean)}. */
	public Mono<Post> schedule(long postId, Instant at, boolean emailSubscribers) {
		return choose(postId, emailSubscribers, schedule(postId, at));
	}

	/** Whether subscribers will be (or were to be) emailed when the post is announced. */
	public Mono<Boolean> emailsSubscribers(long postId) {
		return database.sql("SELECT email_subscribers FROM posts WHERE id = :id")
			.bind("id", postId)
			.map((row, meta) -> row.get("email_subscribers", Boolean.class))
			.one();
	}

	/** Stores the choice in the same transaction as the change, before anything can announce the post. */
	private Mono<Post> choose(long postId, boolean emailSubscribers, Mono<Post> change) {
		return database.sql("UPDATE posts SET email_subscribers = :email WHERE id = :id")
			.bind("email", emailSubscribers)
			.bind("id", postId)
			.fetch()
			.rowsUpdated()
			.then(change)
			.as(transaction::transactional);
	}

	/** Publishes now, keeping the stored choice about subscriber mail; a post that was already live keeps its original date. */
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

	/** Publishes at a future time, keeping the stored choice about subscriber mail. */
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
	 * subscribers' notifications are queued in the same transaction, so they exist exactly when the mark does,
	 * unless staff chose to publish the post without emailing them.
	 */
	public Flux<Long> announceDue() {
		Instant now = clock.instant();
		return database
			.sql("UPDATE posts SET announced_at = :now, status = 'PUBLISHED' "
					+ "WHERE status <> 'DRAFT' AND published_at <= :now AND announced_at IS NULL "
					+ "RETURNING id, email_subscribers")
			.bind("now", now)
			.map((row, meta) -> new Due(row.get("id", Long.class), Boolean.TRUE.equals(row.get("email_subscribers", Boolean.class))))
			.all()
			// Read every id before the next statement: the connection answers one statement at a time, so
			// queries issued while the UPDATE's rows are still being demanded wait behind them for ever.
			.collectList()
			.flatMapIterable(due -> due)
			.concatMap(due -> changes.announce(new ContentChange("post", due.id()))
				.then(due.emailSubscribers() ? outbox.queueAnnouncement(due.id()) : Mono.empty())
				.thenReturn(due.id()))
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

	private record Due(long id, boolean emailSubscribers) {
	}

	/** A post became visible to readers for the first time. */
	public record PostWentLive(long postId) {
	}
}
