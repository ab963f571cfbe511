package org.drugsandcrime.blog.core.comment;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Stopping the reply notices a commenter asked for, from the link in any of them: the same one-click,
 * idempotent, reveal-nothing rules as unsubscribing from posts. (Queueing the notices is the database's job:
 * see the trigger in {@code V50__email.sql}.)
 */
@Service
public class ReplyNotices {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,128}");

	private final DatabaseClient database;

	ReplyNotices(DatabaseClient database) {
		this.database = database;
	}

	/** Whether a stop link is one we sent (a GET: changes nothing). */
	public Mono<Boolean> knowsStopLink(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Mono.just(false);
		}
		return database.sql("SELECT 1 FROM comments WHERE reply_notice_token = :token")
			.bind("token", token)
			.fetch()
			.first()
			.hasElement();
	}

	/** Stops the notices for the comment the link was sent for; false when it is not a link we sent. */
	public Mono<Boolean> stop(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Mono.just(false);
		}
		return database.sql("UPDATE comments SET notify_replies = false WHERE reply_notice_token = :token")
			.bind("token", token)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated > 0);
	}
}
