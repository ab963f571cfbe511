package org.drugsandcrime.blog.wordpress.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.wordpress.importing.ImportReport.Count;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Note;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The runs in {@code wordpress_imports} with their reports, as every admin process reads them. */
@Repository
class ImportRuns {

	/**
	 * A RUNNING run that has written no progress for this long died with its process (batches take seconds). It is
	 * shown as FAILED without writing so, as a read never changes state; the next import of the file resumes it.
	 */
	static final Duration SILENT_FOR = Duration.ofMinutes(10);

	static final String DIED = "The import stopped without finishing (its process ended). Import the same file again: "
			+ "what was imported stays, and the rest is added.";

	private static final int RECENT = 10;

	private final DatabaseClient database;

	private final Clock clock;

	ImportRuns(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	Mono<Long> create(ImportRequest request, long totalBytes) {
		Instant now = clock.instant();
		DatabaseClient.GenericExecuteSpec insert = database.sql("""
				INSERT INTO wordpress_imports (state, file_name, started_by, total_bytes, stage, started_at, progress_at)
				VALUES ('RUNNING', :file, :by, :total, :stage, :now, :now) RETURNING id""")
			.bind("file", request.fileName())
			.bind("total", totalBytes)
			.bind("stage", "Starting")
			.bind("now", now);
		insert = request.startedBy() == null ? insert.bindNull("by", Long.class) : insert.bind("by", request.startedBy());
		return insert.map((row, meta) -> row.get("id", Long.class)).one();
	}

	/** Written in each batch's transaction: the progress holds exactly what has been committed. */
	Mono<Void> progress(long id, ImportProgress progress, long notesLeftOut) {
		return database.sql("""
				UPDATE wordpress_imports SET bytes_read = :read, total_bytes = :total, items_done = :done, stage = :stage,
				    notes_left_out = :leftOut, progress_at = :now WHERE id = :id""")
			.bind("leftOut", notesLeftOut)
			.bind("read", progress.bytesRead())
			.bind("total", progress.totalBytes())
			.bind("done", progress.itemsDone())
			.bind("stage", progress.stage())
			.bind("now", clock.instant())
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Replaces the run's counts, one statement for all of them. */
	Mono<Void> counts(long id, List<Count> counts) {
		if (counts.isEmpty()) {
			return Mono.empty();
		}
		int n = counts.size();
		String[] types = new String[n];
		Integer[] positions = new Integer[n];
		Long[] inFile = new Long[n];
		Long[] imported = new Long[n];
		Long[] already = new Long[n];
		Long[] skipped = new Long[n];
		for (int i = 0; i < n; i++) {
			Count count = counts.get(i);
			types[i] = count.type();
			positions[i] = i;
			inFile[i] = count.inFile();
			imported[i] = count.imported();
			already[i] = count.already();
			skipped[i] = count.skipped();
		}
		return database.sql("""
				INSERT INTO wordpress_import_counts (import_id, position, type, in_file, imported, already, skipped)
				SELECT :id, * FROM unnest(:positions::integer[], :types::text[], :inFile::bigint[], :imported::bigint[],
				    :already::bigint[], :skipped::bigint[])
				ON CONFLICT (import_id, type) DO UPDATE SET position = EXCLUDED.position, in_file = EXCLUDED.in_file,
				    imported = EXCLUDED.imported, already = EXCLUDED.already, skipped = EXCLUDED.skipped""")
			.bind("id", id)
			.bind("positions", positions)
			.bind("types", types)
			.bind("inFile", inFile)
			.bind("imported", imported)
			.bind("already", already)
			.bind("skipped", skipped)
			.fetch()
			.rowsUpdated()
			.then();
	}

	Mono<Void> notes(long id, Collection<StoredNote> notes) {
		if (notes.isEmpty()) {
			return Mono.empty();
		}
		int n = notes.size();
		Boolean[] skipped = new Boolean[n];
		String[] reasons = new String[n];
		String[] items = new String[n];
		String[] details = new String[n];
		int i = 0;
		for (StoredNote note : notes) {
			skipped[i] = note.skipped();
			reasons[i] = note.note().reason().name();
			items[i] = note.note().item();
			details[i] = note.note().detail();
			i++;
		}
		return database.sql("""
				INSERT INTO wordpress_import_notes (import_id, skipped, reason, item, detail)
				SELECT :id, n.skipped, n.reason, n.item, n.detail
				FROM unnest(:skipped::boolean[], :reasons::text[], :items::text[], :details::text[])
				    WITH ORDINALITY AS n(skipped, reason, item, detail, position) ORDER BY n.position""")
			.bind("id", id)
			.bind("skipped", skipped)
			.bind("reasons", reasons)
			.bind("items", items)
			.bind("details", details)
			.fetch()
			.rowsUpdated()
			.then();
	}

	Mono<Void> finish(long id, ImportProgress progress) {
		return end(id, "FINISHED", null, progress.bytesRead(), progress.itemsDone());
	}

	Mono<Void> fail(long id, String failure) {
		return end(id, "FAILED", failure, null, null);
	}

	private Mono<Void> end(long id, String state, String failure, Long bytesRead, Long itemsDone) {
		DatabaseClient.GenericExecuteSpec update = database.sql("""
				UPDATE wordpress_imports SET state = :state, failure = :failure, finished_at = :now, progress_at = :now,
				    stage = :stage, bytes_read = coalesce(:read, bytes_read), items_done = coalesce(:done, items_done)
				WHERE id = :id""")
			.bind("state", state)
			.bind("stage", failure == null ? "Done" : "Stopped")
			.bind("now", clock.instant())
			.bind("id", id);
		update = failure == null ? update.bindNull("failure", String.class) : update.bind("failure", failure);
		update = bytesRead == null ? update.bindNull("read", Long.class) : update.bind("read", bytesRead);
		update = itemsDone == null ? update.bindNull("done", Long.class) : update.bind("done", itemsDone);
		return update.fetch().rowsUpdated().then();
	}

	Mono<ImportRun> find(long id) {
		return runs("WHERE id = :id", id).next();
	}

	Flux<ImportRun> recent() {
		return runs("ORDER BY started_at DESC, id DESC LIMIT " + RECENT, null);
	}

	private Flux<ImportRun> runs(String where, Long id) {
		DatabaseClient.GenericExecuteSpec select = database.sql("""
				SELECT id, state, file_name, bytes_read, total_bytes, items_done, stage, failure, started_at, progress_at,
				    finished_at, notes_left_out FROM wordpress_imports\s""" + where);
		if (id != null) {
			select = select.bind("id", id);
		}
		Instant silentSince = clock.instant().minus(SILENT_FOR);
		return select.map((row, meta) -> {
			ImportState state = ImportState.valueOf(row.get("state", String.class));
			String failure = row.get("failure", String.class);
			Instant progressAt = row.get("progress_at", Instant.class);
			if (state == ImportState.RUNNING && progressAt.isBefore(silentSince)) {
				state = ImportState.FAILED;
				failure = DIED;
			}
			return new Found(new ImportRun(row.get("id", Long.class), state, row.get("file_name", String.class),
					new ImportProgress(row.get("bytes_read", Long.class), row.get("total_bytes", Long.class),
							row.get("items_done", Long.class), row.get("stage", String.class)),
					null, failure, row.get("started_at", Instant.class), row.get("finished_at", Instant.class)),
					row.get("notes_left_out", Long.class));
		}).all().collectList().flatMapMany(found -> withReports(found));
	}

	/** Reads the reports of all the runs in two queries, not two per run. */
	private Flux<ImportRun> withReports(List<Found> found) {
		List<Long> ended = found.stream().map(Found::run).filter(run -> run.state() != ImportState.RUNNING)
			.map(ImportRun::id).toList();
		if (ended.isEmpty()) {
			return Flux.fromIterable(found).map(Found::run);
		}
		Long[] ids = ended.toArray(Long[]::new);
		Mono<Map<Long, List<Count>>> counts = database.sql("""
				SELECT import_id, type, in_file, imported, already, skipped FROM wordpress_import_counts
				WHERE import_id = ANY(:ids) ORDER BY import_id, position""")
			.bind("ids", ids)
			.map((row, meta) -> Map.entry(row.get("import_id", Long.class),
					new Count(row.get("type", String.class), row.get("in_file", Long.class),
							row.get("imported", Long.class), row.get("already", Long.class), row.get("skipped", Long.class))))
			.all()
			.collect(HashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
				.add(entry.getValue()));
		Mono<Map<Long, List<StoredNote>>> notes = database.sql("""
				SELECT import_id, skipped, reason, item, detail FROM wordpress_import_notes
				WHERE import_id = ANY(:ids) ORDER BY import_id, id""")
			.bind("ids", ids)
			.map((row, meta) -> Map.entry(row.get("import_id", Long.class),
					new StoredNote(Boolean.TRUE.equals(row.get("skipped", Boolean.class)),
							new Note(Reason.valueOf(row.get("reason", String.class)), row.get("item", String.class),
									row.get("detail", String.class)))))
			.all()
			.collect(HashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
				.add(entry.getValue()));
		return Mono.zip(counts, notes).flatMapMany(all -> Flux.fromIterable(found).map(each -> {
			ImportRun run = each.run();
			if (run.state() == ImportState.RUNNING) {
				return run;
			}
			List<StoredNote> stored = all.getT2().getOrDefault(run.id(), List.of());
			ImportReport report = new ImportReport(all.getT1().getOrDefault(run.id(), List.of()),
					stored.stream().filter(StoredNote::skipped).map(StoredNote::note).toList(),
					stored.stream().filter(note -> !note.skipped()).map(StoredNote::note).toList(),
					each.notesLeftOut());
			return new ImportRun(run.id(), run.state(), run.fileName(), run.progress(), report, run.failure(),
					run.startedAt(), run.finishedAt());
		}));
	}

	private record Found(ImportRun run, long notesLeftOut) {
	}

	record StoredNote(boolean skipped, Note note) {
	}
}
