package org.drugsandcrime.blog.admin.publishing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.audit.AuditLog;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every few seconds, announces the posts whose time has come. Readers see a scheduled post at its time
 * whatever happens here (visibility is decided in SQL); this makes the one-off effects of going live happen
 * once: {@link PostPublishing#announceDue()} hands each post to exactly one process, however many admin
 * processes run, and each one that went live is written to the audit log by the process that got it.
 */
@Component
public class ScheduledPublishing implements SmartLifecycle {

	static final String SCHEDULER = "scheduler";

	/** Which admin process announced a post, so the audit log shows how the work was shared. */
	static final String PROCESS = "announced by admin process " + ProcessHandle.current().pid();

	private static final Log logger = LogFactory.getLog(ScheduledPublishing.class);

	private final PostPublishing publishing;

	private final AuditLog audit;

	private final PublishingProperties properties;

	private volatile Disposable running;

	ScheduledPublishing(PostPublishing publishing, AuditLog audit, PublishingProperties properties) {
		this.publishing = publishing;
		this.audit = audit;
		this.properties = properties;
	}

	/** Announces what is due now; also called right after staff publish, so nobody waits for the next tick. */
	public Mono<Long> announceDue() {
		return publishing.announceDue()
			.concatMap(postId -> audit.record(null, SCHEDULER, "post.went-live", "post", postId, PROCESS).thenReturn(postId))
			.count();
	}

	@Override
	public void start() {
		running = Flux.interval(properties.interval(), properties.interval())
			.onBackpressureDrop()
			.concatMap(tick -> announceDue().onErrorResume(ex -> {
				logger.warn("Could not announce due posts (will try again): " + ex.getMessage());
				return Mono.just(0L);
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = running;
		if (current != null) {
			current.dispose();
		}
		running = null;
	}

	@Override
	public boolean isRunning() {
		return running != null;
	}
}
