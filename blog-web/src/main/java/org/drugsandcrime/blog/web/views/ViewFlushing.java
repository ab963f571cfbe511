package org.drugsandcrime.blog.web.views;

import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Hands the tally to the database every {@code blog.web.views.flush-interval}, and once more at shutdown after the
 * web server has stopped taking requests (a lower phase stops later), so a clean stop loses no view.
 */
final class ViewFlushing implements SmartLifecycle {

	private static final Duration LAST_FLUSH = Duration.ofSeconds(10);

	private final ViewTally tally;

	private final Duration interval;

	private volatile Disposable flushing;

	ViewFlushing(ViewTally tally, Duration interval) {
		this.tally = tally;
		this.interval = interval;
	}

	@Override
	public void start() {
		// One flush at a time: a slow database delays the next batch rather than piling statements up.
		flushing = Flux.interval(interval, interval)
			.onBackpressureDrop()
			.concatMap(tick -> tally.flush().onErrorResume(ex -> Mono.empty()), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = flushing;
		flushing = null;
		if (current != null) {
			current.dispose();
		}
		// Runs on the thread closing the context, never an event loop.
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
