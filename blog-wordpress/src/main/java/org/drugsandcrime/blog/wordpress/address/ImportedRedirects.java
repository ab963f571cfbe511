package org.drugsandcrime.blog.wordpress.address;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps an import's old addresses as redirects: one statement per batch, in the caller's transaction (the import
 * batch that wrote the things they point at). An address already recorded keeps its target, so a second import of
 * the same file changes no row and a redirect staff changed since stays changed; only a guess gives way, to an
 * address the export's links name.
 */
@Component
public class ImportedRedirects {

	// A guess that was stored first is replaced by a link's address; nothing else is ever overwritten.
	private static final String KEEP = """
			INSERT INTO redirects (from_path, to_path, created_at, guessed)
			SELECT v.from_path, v.to_path, :at, v.guessed
			FROM unnest(CAST(:froms AS text[]), CAST(:tos AS text[]), CAST(:guesses AS boolean[])) AS v(from_path, to_path, guessed)
			ON CONFLICT (from_path) DO UPDATE SET to_path = EXCLUDED.to_path, guessed = false
			WHERE redirects.guessed AND NOT EXCLUDED.guessed AND redirects.to_path <> EXCLUDED.to_path
			""";

	private final DatabaseClient database;

	private final Clock clock;

	ImportedRedirects(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** Records the addresses (of any number of things) in one statement; completes with the rows written. */
	public Mono<Long> keep(Collection<OldAddress> addresses) {
		// One row per old address: Postgres refuses to touch a row twice in one INSERT ... ON CONFLICT.
		Map<String, OldAddress> byFrom = new LinkedHashMap<>();
		for (OldAddress address : addresses) {
			byFrom.merge(address.from(), address, (earlier, later) -> earlier.guessed() && !later.guessed() ? later : earlier);
		}
		if (byFrom.isEmpty()) {
			return Mono.just(0L);
		}
		int size = byFrom.size();
		String[] froms = new String[size];
		String[] tos = new String[size];
		Boolean[] guesses = new Boolean[size];
		int i = 0;
		for (OldAddress address : byFrom.values()) {
			froms[i] = address.from();
			tos[i] = address.to();
			guesses[i] = address.guessed();
			i++;
		}
		return database.sql(KEEP)
			.bind("froms", froms)
			.bind("tos", tos)
			.bind("guesses", guesses)
			.bind("at", clock.instant())
			.fetch()
			.rowsUpdated();
	}
}
