package org.drugsandcrime.blog.web.views;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * Hands the tally to the database every {@code blog.web.views.flush-interval}, and once more at shutdown after the
 * web server has stopped taking requests (a lower phase stops later), so a clean stop loses no view.
 */
final class ViewFlushing implements SmartLifecycle {

	private static final Duration LAST_FLUSH = Duration.ofSeconds(10);

	private final ViewTally tally;

	private final Duration interval;

	private final Sinks.One<Boolean> stopping = Sinks.one();

	private volatile Mono<Void> flushing;

	ViewFlushing(ViewTally tally, Duration interval) {
		this.tally = tally;
		this.interval = interval;
	}

	@Override
	public void start() {
		// One flush at a time: a slow database delays the next batch rather than piling statements up. Stopping
		// ends the ticks but lets a flush under way finish, so no batch is cut off half sent.
		Mono<Void> running = Flux.interval(interval, interval)
			.onBackpressureDrop()
			.takeUntilOther(stopping.asMono())
			.concatMap(tick -> tally.flush().onErrorResume(ex -> Mono.empty()), 1)
			.then()
			.cache();
		running.subscribe();
		flushing = running;
	}

	@Override
	public void stop() {
		Mono<Void> running = flushing;
		flushing = null;
		if (running != null) {
			stopping.tryEmitValue(true);
			// Runs on the thread closing the context, never an event loop.
			running.block(LAST_FLUSH);
		}
		tally.flush().block(LAST_FLUSH);
	}

	@Override
	public boolean isRunning() {
		return flushing != null;
	}

	@Override
	public int getPhase() {
		// Below the web server's start/stop phase (DEFAULT_PHASE - 2048): stopped after it, started before it.
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}
}
