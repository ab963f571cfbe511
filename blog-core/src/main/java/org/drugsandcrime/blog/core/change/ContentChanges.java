package org.drugsandcrime.blog.core.change;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Tells every process that content changed, through PostgreSQL's NOTIFY on channel {@value #CHANNEL}.
 * A notification sent inside a transaction is delivered only when it commits, so listeners never see a
 * change before they could read it.
 */
@Component
public class ContentChanges {

	public static final String CHANNEL = "blog_content";

	private final DatabaseClient database;

	private final ContentVersion version;

	ContentChanges(DatabaseClient database, ContentVersion version) {
		this.database = database;
		this.version = version;
	}

	public Mono<Void> announce(ContentChange change) {
		return database.sql("SELECT pg_notify('" + CHANNEL + "', :payload)")
			.bind("payload", change.payload())
			.fetch()
			.rowsUpdated()
			// This process forgets at once; the notification (at commit) makes every process forget again, which
			// also drops anything rendered from the data as it was just before the commit.
			.then(Mono.fromRunnable(() -> version.announcedHere(change)));
	}
}
