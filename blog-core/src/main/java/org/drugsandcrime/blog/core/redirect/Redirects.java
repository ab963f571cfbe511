package org.drugsandcrime.blog.core.redirect;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Old URLs that must keep working: imported WordPress permalinks and the slugs a post had before. A new
 * redirect for a path replaces the old one, and redirects never chain: whatever pointed at the old target
 * now points at the new one.
 */
@Service
public class Redirects {

	private final DatabaseClient database;

	private final Clock clock;

	Redirects(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	public Mono<Void> record(String fromPath, String toPath) {
		if (fromPath.equals(toPath)) {
			return Mono.empty();
		}
		return database.sql("UPDATE redirects SET to_path = :to WHERE to_path = :from")
			.bind("to", toPath)
			.bind("from", fromPath)
			.fetch()
			.rowsUpdated()
			.then(database.sql("DELETE FROM redirects WHERE from_path = :to").bind("to", toPath).fetch().rowsUpdated())
			.then(database
				.sql("INSERT INTO redirects (from_path, to_path, created_at) VALUES (:from, :to, :at) "
						+ "ON CONFLICT (from_path) DO UPDATE SET to_path = EXCLUDED.to_path")
				.bind("from", fromPath)
				.bind("to", toPath)
				.bind("at", clock.instant())
				.fetch()
				.rowsUpdated())
			.then();
	}

	/** Where an old path now lives, if anywhere. A trailing slash does not matter (WordPress added one). */
	public Mono<String> target(String path) {
		if (path == null || path.length() > 2000) {
			return Mono.empty();
		}
		String withoutSlash = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return database.sql("SELECT to_path FROM redirects WHERE from_path IN (:a, :b) LIMIT 1")
			.bind("a", withoutSlash)
			.bind("b", withoutSlash + "/")
			.map((row, meta) -> row.get("to_path", String.class))
			.one();
	}
}
