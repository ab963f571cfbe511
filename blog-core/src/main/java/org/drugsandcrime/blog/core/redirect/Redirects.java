package org.drugsandcrime.blog.core.redirect;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

	/**
	 * Records that an old address (a path, or {@code /?p=123}) now lives at a local path. The old address is
	 * kept in {@link OldPaths}' form; a target that is no local path is refused, so no redirect leads off the site.
	 */
	public Mono<Void> record(String oldAddress, String toPath) {
		String fromPath = OldPaths.address(oldAddress);
		if (fromPath == null || OldPaths.location(toPath) == null) {
			return Mono.error(new IllegalArgumentException("Not a local address: " + oldAddress + " -> " + toPath));
		}
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
						+ "ON CONFLICT (from_path) DO UPDATE SET to_path = EXCLUDED.to_path, guessed = false")
				.bind("from", fromPath)
				.bind("to", toPath)
				.bind("at", clock.instant())
				.fetch()
				.rowsUpdated())
			.then();
	}

	/** Where an old path now lives, if anywhere. A trailing slash does not matter (WordPress added one). */
	public Mono<String> target(String path) {
		return target(path, null);
	}

	/**
	 * Where an old address now lives, if anywhere, as a local path ready for a {@code Location} header. The path
	 * comes as it arrived (raw) and is looked up in {@link OldPaths}' form, with and without its trailing slash; of
	 * the query only WordPress's own keys count ({@code /?p=123}). A target that is the requested address itself
	 * is no answer: a redirect never loops.
	 */
	public Mono<String> target(String rawPath, String rawQuery) {
		String path = OldPaths.path(rawPath);
		if (path == null) {
			return Mono.empty();
		}
		String query = OldPaths.query(rawQuery);
		// The address as asked first; then, for an old path that picked up a WordPress key on its travels
		// (/2013/05/x/?p=5), the path alone.
		List<String> candidates = new ArrayList<>(OldPaths.withAndWithoutSlash(path, query));
		if (!query.isEmpty()) {
			candidates.addAll(OldPaths.withAndWithoutSlash(path, ""));
		}
		return database.sql("SELECT from_path, to_path FROM redirects WHERE from_path IN (:candidates)")
			.bind("candidates", candidates)
			.map((row, meta) -> new String[] { row.get("from_path", String.class), row.get("to_path", String.class) })
			.all()
			.filter(row -> !loops(row[1], List.of(path + query, path)))
			.sort(Comparator.comparingInt(row -> candidates.indexOf(row[0])))
			.next()
			.mapNotNull(row -> OldPaths.location(row[1]));
	}

	/**
	 * Whether a target is the address asked for, or no local path at all: either way, not followed. {@code /tag/x/}
	 * may lead to {@code /tag/x}, but when {@code /tag/x} is itself missing its lookup finds that same row (the slash
	 * does not count), and must not send the reader to where they are.
	 */
	private static boolean loops(String to, List<String> asked) {
		int question = to.indexOf('?');
		String path = OldPaths.path(question < 0 ? to : to.substring(0, question));
		if (path == null) {
			return true;
		}
		String query = question < 0 ? "" : OldPaths.query(to.substring(question + 1));
		return asked.contains(path + query);
	}
}
