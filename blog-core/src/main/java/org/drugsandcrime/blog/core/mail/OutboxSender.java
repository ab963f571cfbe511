package org.drugsandcrime.blog.core.mail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.mail.Outbox.Batch;
import org.drugsandcrime.blog.core.mail.Outbox.OutboxItem;
import org.drugsandcrime.blog.core.post.PostPublishing.PostWentLive;
import org.drugsandcrime.blog.core.settings.Site;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Empties the outbox: claims a batch, sends it over one SMTP connection, records each mail as the server
 * answers, and starts over while mail is due. Runs in every process that has an SMTP host (both apps by
 * default); claims never overlap, so each mail goes to one sender. Stopping lets the mail in flight finish and
 * be recorded and hands the rest of the batch back, so a restart sends each remaining mail once.
 * SMTP is blocking: every call to it runs on a bounded-elastic thread.
 */
@Component
public class OutboxSender implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxSender.class);

	static {
		// Jakarta Mail looks its stream provider up with a ServiceLoader scan of the whole classpath for every
		// message part it creates (most of the CPU a mail cost in the benchmark); naming it skips the scan.
		if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
			System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private final Outbox outbox;

	private final MailComposer composer;

	private final Site site;

	private final MailProperties properties;

	private final MailProperties.Sender settings;

	private final String name;

	private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();

	private final AtomicInteger unreachableInARow = new AtomicInteger();

	private final List<Runnable> whenStopped = new ArrayList<>();

	private volatile Session session;

	private volatile boolean stopping;

	private volatile boolean woken;

	private volatile Disposable loop;

	private volatile Disposable nudges;

	OutboxSender(Outbox outbox, MailComposer composer, Site site, MailProperties properties) {
		this.outbox = outbox;
		this.composer = composer;
		this.site = site;
		this.properties = properties;
		this.settings = properties.sender();
		this.name = ManagementFactory.getRuntimeMXBean().getName() + "#" + Integer.toHexString(System.identityHashCode(this));
	}

	/**
	 * Another sender over the same outbox, delivering to {@code host:port} with these sender settings: what a
	 * second process would be. For tests and the benchmark.
	 */
	public OutboxSender deliveringTo(String host, int port, MailProperties.Sender with) {
		return new OutboxSender(outbox, composer, site, properties.withSmtp(host, port).withSender(with));
	}

	/** As {@link #deliveringTo(String, int, MailProperties.Sender)}, with this protection, CA file and credentials. */
	public OutboxSender deliveringTo(String host, int port, SmtpSecurity security, String caFile, String user, String password,
			MailProperties.Sender with) {
		return new OutboxSender(outbox, composer, site,
				properties.withSmtp(host, port, security, caFile, user, password).withSender(with));
	}

	public MailProperties.Sender settings() {
		return settings;
	}

	/** Sends everything due now, batch after batch, until nothing is due, the server is unreachable or stop() is called. */
	public Mono<Delivery> deliverDue() {
		if (!properties.smtpConfigured()) {
			return Mono.just(Delivery.NONE);
		}
		// Each connection claims its own batches; SKIP LOCKED keeps them apart as it keeps processes apart.
		return outbox.reclaimAbandoned()
			.thenMany(Flux.range(0, settings.connections())
				.flatMap(connection -> Flux.defer(this::deliverBatch)
					.repeat()
					.takeUntil(delivery -> delivery.claimed() == 0 || delivery.unreachable() || stopping)))
			.reduce(Delivery.NONE, Delivery::plus);
	}

	private Mono<Delivery> deliverBatch() {
		return outbox.claim(name, settings.batchSize(), settings.lease())
			.flatMap(batch -> batch.items().isEmpty() ? Mono.just(Delivery.NONE) : send(batch));
	}

	private Mono<Delivery> send(Batch batch) {
		int claimed = batch.items().size();
		return site.settings()
			.map(current -> new MailComposer.Letterhead(current.title(), site.timeOf(current)))
			.switchIfEmpty(site.time().map(time -> new MailComposer.Letterhead("The blog", time)))
			.flatMap(siteName -> Mono.usingWhen(
					Mono.fromCallable(() -> SmtpConnection.open(session(), properties)).subscribeOn(Schedulers.boundedElastic()),
					connection -> Flux.fromIterable(batch.items())
						.takeWhile(item -> !stopping && connection.usable())
						.concatMap(item -> attempt(connection, item, siteName))
						// Prefetch 1: the next mail goes out while this one is recorded, and no further ahead.
						.concatMap(attempt -> record(batch.id(), attempt), 1)
						.reduce(new Delivery(claimed, 0, 0, 0, 0, false), Delivery::plus)
						.flatMap(delivery -> connection.usable() || stopping
								? outbox.release(batch.id(), null, Duration.ZERO).thenReturn(delivery)
								: outbox.release(batch.id(), "The SMTP connection was lost", settings.retryAfter())
									.thenReturn(delivery)),
					connection -> Mono.fromRunnable(connection::close).subscribeOn(Schedulers.boundedElastic()))
				.onErrorResume(MessagingException.class, ex -> {
					String error = ex instanceof SmtpConnection.Unprotected ? ex.getMessage()
							: "Could not reach the SMTP server " + properties.smtpHost() + ":" + properties.smtpPort() + ": "
									+ SmtpConnection.describe(ex);
					logger.warn(error + "; " + claimed + " mails wait for the next try");
					return outbox.release(batch.id(), error, pauseAfterUnreachable(unreachableInARow.get() + 1))
						.then(outbox.finish(batch.id(), error))
						.thenReturn(new Delivery(claimed, 0, 0, 0, 0, true));
				}))
			.flatMap(delivery -> delivery.unreachable() ? Mono.just(delivery)
					: outbox.finish(batch.id(), null).thenReturn(delivery));
	}

	private Mono<Attempt> attempt(SmtpConnection connection, OutboxItem item, MailComposer.Letterhead siteName) {
		if (item.skipReason() != null) {
			return Mono.just(new Attempt(item, Outcome.SKIPPED, item.skipReason()));
		}
		return Mono.fromCallable(() -> {
			jakarta.mail.internet.MimeMessage message;
			try {
				message = composer.compose(session(), item, siteName);
			}
			catch (MessagingException | RuntimeException ex) {
				return new Attempt(item, Outcome.FAILED, "Could not write the mail: " + SmtpConnection.describe(ex));
			}
			try {
				connection.send(message);
				return new Attempt(item, Outcome.SENT, null);
			}
			catch (SmtpConnection.Refused ex) {
				return new Attempt(item, ex.permanent() ? Outcome.FAILED : Outcome.DEFERRED, "Refused: " + ex.getMessage());
			}
			catch (MessagingException ex) {
				// Sent or not is unknown only if the connection broke after the data went out; it is tried again.
				return new Attempt(item, Outcome.DEFERRED, "Connection lost while sending: " + SmtpConnection.describe(ex));
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Delivery> record(long batch, Attempt attempt) {
		OutboxItem item = attempt.item();
		return switch (attempt.outcome()) {
			case SENT -> outbox.sent(batch, item.id()).thenReturn(Delivery.ONE_SENT);
			case SKIPPED -> outbox.skipped(batch, item.id(), attempt.error()).thenReturn(Delivery.ONE_SKIPPED);
			case FAILED -> outbox.failed(batch, item.id(), attempt.error()).thenReturn(Delivery.ONE_FAILED);
			case DEFERRED -> item.attempts() >= settings.maxAttempts()
					? outbox.failed(batch, item.id(), "Gave up after " + item.attempts() + " tries: " + attempt.error())
						.thenReturn(Delivery.ONE_FAILED)
					: outbox.deferred(batch, item.id(), attempt.error(), settings.backoff(item.attempts()))
						.thenReturn(Delivery.ONE_DEFERRED);
		};
	}

	private Session session() {
		Session current = session;
		if (current == null) {
			current = SmtpConnection.session(properties);
			session = current;
		}
		return current;
	}

	private Duration pauseAfterUnreachable(int timesInARow) {
		Duration wait = settings.pollInterval();
		for (int i = 1; i < timesInARow && wait.compareTo(settings.maxRetryAfter()) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wait;
	}

	@EventListener
	void onPostWentLive(PostWentLive event) {
		wake();
	}

	private void wake() {
		woken = true;
		wakeups.tryEmitNext(true);
	}

	@Override
	public boolean isAutoStartup() {
		if (!properties.smtpConfigured()) {
			logger.info("No SMTP server configured (BLOG_SMTP_HOST): mail waits in the outbox, visible in the admin portal");
		}
		return settings.enabled() && properties.smtpConfigured();
	}

	@Override
	public synchronized void start() {
		if (loop != null) {
			return;
		}
		stopping = false;
		nudges = outbox.nudges().subscribe(kind -> wake());
		loop = Mono.defer(this::deliverDue)
			.onErrorResume(ex -> {
				logger.warn("Sending mail from the outbox failed; trying again shortly", ex);
				return Mono.just(Delivery.NONE);
			})
			.flatMap(this::pause)
			.repeat(() -> !stopping)
			.doFinally(signal -> stopped())
			.subscribe();
	}

	private Mono<Boolean> pause(Delivery delivery) {
		Duration wait = delivery.unreachable() ? pauseAfterUnreachable(unreachableInARow.incrementAndGet())
				: settings.pollInterval();
		if (!delivery.unreachable()) {
			unreachableInARow.set(0);
		}
		if (stopping || (woken && !delivery.unreachable())) {
			woken = false;
			return Mono.just(true);
		}
		return Mono.firstWithSignal(Mono.delay(wait).thenReturn(true), wakeups.asFlux().next())
			.doFinally(signal -> woken = false);
	}

	private synchronized void stopped() {
		loop = null;
		Disposable current = nudges;
		if (current != null) {
			current.dispose();
		}
		whenStopped.forEach(Runnable::run);
		whenStopped.clear();
	}

	@Override
	public void stop() {
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
		stop(done::countDown);
		try {
			done.await(settings.lease().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Finishes the mail in flight, records it, hands the rest of the batch back, then calls {@code callback}. */
	@Override
	public synchronized void stop(Runnable callback) {
		if (loop == null) {
			callback.run();
			return;
		}
		whenStopped.add(callback);
		stopping = true;
		wake();
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

	/** What a run of the sender did; {@code unreachable} when it could not connect to the server. */
	public record Delivery(int claimed, int sent, int failed, int deferred, int skipped, boolean unreachable) {

		public static final Delivery NONE = new Delivery(0, 0, 0, 0, 0, false);

		static final Delivery ONE_SENT = new Delivery(0, 1, 0, 0, 0, false);

		static final Delivery ONE_FAILED = new Delivery(0, 0, 1, 0, 0, false);

		static final Delivery ONE_DEFERRED = new Delivery(0, 0, 0, 1, 0, false);

		static final Delivery ONE_SKIPPED = new Delivery(0, 0, 0, 0, 1, false);

		Delivery plus(Delivery other) {
			return new Delivery(claimed + other.claimed, sent + other.sent, failed + other.failed,
					deferred + other.deferred, skipped + other.skipped, unreachable || other.unreachable);
		}
	}

	private enum Outcome {
		SENT, SKIPPED, FAILED, DEFERRED
	}

	private record Attempt(OutboxItem item, Outcome outcome, String error) {
	}
}
