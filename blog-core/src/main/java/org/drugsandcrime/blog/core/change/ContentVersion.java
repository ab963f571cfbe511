package org.drugsandcrime.blog.core.change;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This process's view of "has anything readers can see changed?", kept current by LISTENing on
 * {@value ContentChanges#CHANNEL}. Caches key on {@link #current()} or subscribe to {@link #changes()}; both
 * move within milliseconds of a commit in any process. While the connection is lost nobody can tell what
 * changed, so a reconnect counts as a change of everything ({@code kind} "all").
 */
@Component
public class ContentVersion implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ContentVersion.class);

	private final ConnectionFactory connections;

	private final AtomicLong version = new AtomicLong(System.currentTimeMillis());

	private final Sinks.Many<ContentChange> changes = Sinks.many().multicast().directBestEffort();

	private final Sinks.Many<ContentChange> committed = Sinks.many().multicast().directBestEffort();

	private volatile Disposable listening;

	ContentVersion(ConnectionFactory connections) {
		this.connections = connections;
	}

	/** A number that differs after every change; never repeats within a process's life. */
	public long current() {
		return version.get();
	}

	/** Every change as it arrives; subscribers that fall behind miss items rather than block the listener. */
	public Flux<ContentChange> changes() {
		return changes.asFlux();
	}

	/**
	 * Every change that any connection can read by now: the notifications, which PostgreSQL delivers at commit,
	 * and posts going live with time. Not this process's own announcements ahead of their commit: what reads
	 * the database to act on a change (the WebSub pings) would read the data as it was before it.
	 */
	public Flux<ContentChange> committedChanges() {
		return committed.asFlux();
	}

	/** Records a change every connection can already read: a notification heard, a post gone live with time. */
	public void changed(ContentChange change) {
		announcedHere(change);
		committed.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	/** Records a change this process announced, before its commit (its notification still counts, at commit). */
	void announcedHere(ContentChange change) {
		version.incrementAndGet();
		// Changes arrive from the listener and from local writers at once; a sink refuses concurrent emissions.
		changes.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	@Override
	public void start() {
		listening = Flux.usingWhen(Mono.from(connections.create()), this::listen, Connection::close)
			.doOnNext(this::changed)
			.doOnError(ex -> logger.warn("Lost the LISTEN connection for content changes (" + ex.getMessage()
					+ "); reconnecting"))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
			.subscribe();
	}

	private Flux<ContentChange> listen(Connection connection) {
		PostgresqlConnection postgres = unwrap(connection);
		return postgres.createStatement("LISTEN " + ContentChanges.CHANNEL)
			.execute()
			.flatMap(result -> result.getRowsUpdated())
			.thenMany(Flux.concat(Mono.just(new ContentChange("all", 0)),
					postgres.getNotifications().map(notification -> ContentChange.parse(notification.getParameter()))));
	}

	private static PostgresqlConnection unwrap(Connection connection) {
		Object candidate = connection;
		while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
			candidate = wrapped.unwrap();
		}
		if (candidate instanceof PostgresqlConnection postgres) {
			return postgres;
		}
		throw new IllegalStateException("Content changes need an R2DBC PostgreSQL connection, not " + connection);
	}

	@Override
	public void stop() {
		Disposable current = listening;
		if (current != null) {
			current.dispose();
		}
		listening = null;
	}

	@Override
	public boolean isRunning() {
		return listening != null;
	}
}
