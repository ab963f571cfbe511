package org.drugsandcrime.blog.core.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A scheduled post becomes visible when its time comes, without anyone writing to the database, so no
 * notification announces it. This counts that moment as a change in this process: after every change it
 * looks up the next time a post goes live and fires a {@code ContentChange("scheduled", id)} then, so caches
 * of pages and feeds never show the archive as it was before a scheduled post.
 */
@Component
class ScheduledGoingLive implements SmartLifecycle {

	private final DatabaseClient database;

	private final ContentVersion version;

	private final Clock clock;

	/** Bumped by every reschedule; a timer or answer from an older round does nothing. */
	private final AtomicLong round = new AtomicLong();

	private final AtomicReference<Disposable> timer = new AtomicReference<>(Disposables.disposed());

	/**
	 * The newest publication time already announced, and the clock's reading then, so a frozen or slow clock cannot
	 * announce it twice. A clock read earlier than that (set back: by a test, or by hand) forgets it, or every post
	 * scheduled before that time would wait for ever.
	 */
	private volatile Announced announced = new Announced(Instant.EPOCH, Instant.EPOCH);

	private volatile Disposable watching;

	ScheduledGoingLive(DatabaseClient database, ContentVersion version, Clock clock) {
		this.database = database;
		this.version = version;
		this.clock = clock;
	}

	@Override
	public void start() {
		// Any change may bring the next publication forward or take it away.
		watching = version.changes().filter(change -> !change.kind().equals("scheduled")).subscribe(change -> reschedule());
		reschedule();
	}

	private void reschedule() {
		long mine = round.incrementAndGet();
		Disposable next = nextGoingLive().filter(found -> round.get() == mine)
			.flatMap(found -> Mono.delay(untilAfter(found.at())).thenReturn(found))
			.subscribe(found -> {
				if (round.get() == mine) {
					announced = new Announced(found.at(), clock.instant());
					version.changed(new ContentChange("scheduled", found.id()));
					reschedule();
				}
			});
		timer.getAndSet(next).dispose();
	}

	private Duration untilAfter(Instant at) {
		Duration wait = Duration.between(clock.instant(), at).plusMillis(1);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	private Mono<Next> nextGoingLive() {
		return database
			.sql("SELECT id, published_at FROM posts WHERE status <> 'DRAFT' AND published_at > :after "
					+ "ORDER BY published_at LIMIT 1")
			.bind("after", announced.after(clock.instant()))
			.map((row, meta) -> new Next(row.get("id", Long.class), row.get("published_at", Instant.class)))
			.one()
			.onErrorResume(ex -> Mono.empty());
	}


	@Override
	public void stop() {
		Disposable current = watching;
		if (current != null) {
			current.dispose();
		}
		round.incrementAndGet();
		timer.get().dispose();
		watching = null;
	}

	@Override
	public boolean isRunning() {
		return watching != null;
	}

	private record Next(long id, Instant at) {
	}

	private record Announced(Instant upTo, Instant readAt) {

		/** The time after which the next post to announce goes live, the clock reading {@code now}. */
		Instant after(Instant now) {
			if (now.isBefore(readAt)) {
				return now;
			}
			return upTo.isAfter(now) ? upTo : now;
		}
	}
}
