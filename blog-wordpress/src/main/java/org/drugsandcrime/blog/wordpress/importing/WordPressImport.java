package org.drugsandcrime.blog.wordpress.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrException;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Imports a WordPress export (WXR) into the blog: the portal starts a run in the background and shows its stored
 * progress; the command line runs one to the end. Every run is recorded in {@code wordpress_imports}.
 * <p>
 * The file is read as a stream and written in batches of about {@value #BATCH_ROWS} rows, each in one transaction
 * with the mapping of what its WordPress things became: memory stays flat whatever the file's size, a file that
 * breaks half-way leaves whole batches only, and importing the file again skips what is there and adds the rest.
 */
@Service
public class WordPressImport {

	/** Rows per batch: an item with its comments counts one each. Large enough that round trips do not matter. */
	static final int BATCH_ROWS = 500;

	private static final Log logger = LogFactory.getLog(WordPressImport.class);

	private final ImportRuns runs;

	private final BatchWriter writer;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final ContentChanges changes;

	WordPressImport(ImportRuns runs, BatchWriter writer, DatabaseClient database, TransactionalOperator transaction,
			ContentChanges changes) {
		this.runs = runs;
		this.writer = writer;
		this.database = database;
		this.transaction = transaction;
		this.changes = changes;
	}

	/** Records a run and starts it in the background; answers at once with the run as it starts. */
	public Mono<ImportRun> start(ImportRequest request) {
		return create(request).flatMap(created -> {
			execute(created, request, progress -> {
			}).subscribe(report -> {
			}, ex -> {
				// Stored with the run already; the portal shows it.
			});
			return runs.find(created.id());
		});
	}

	/**
	 * Records a run and runs it to the end, telling {@code progress} after every batch. Completes with the report;
	 * a run that cannot finish (bad file, refused batch) is stored as FAILED and ends with
	 * {@link ImportFailedException}, whose message is for staff.
	 */
	public Mono<ImportReport> run(ImportRequest request, Consumer<ImportProgress> progress) {
		return create(request).flatMap(created -> execute(created, request, progress));
	}

	/** A run with its progress and, once it ended, its report; empty for an unknown id. */
	public Mono<ImportRun> find(long id) {
		return runs.find(id);
	}

	/** The latest runs, newest first. */
	public Flux<ImportRun> recent() {
		return runs.recent();
	}

	private Mono<Created> create(ImportRequest request) {
		return Mono.fromCallable(() -> Files.size(request.wxrFile()))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorResume(IOException.class, ex -> Mono.just(0L))
			.flatMap(size -> runs.create(request, size).map(id -> new Created(id, size)));
	}

	private record Created(long id, long size) {
	}

	private Mono<ImportReport> execute(Created created, ImportRequest request, Consumer<ImportProgress> progress) {
		AtomicLong read = new AtomicLong();
		return Mono.usingWhen(openUploads(request), uploads -> {
			ImportContext context = new ImportContext(created.id(), request, uploads.orElse(null), read, created.size());
			return fallbackAuthor(request).doOnNext(id -> context.fallbackAuthor = id)
				.thenMany(batches(WxrReader.entries(() -> new CountedInputStream(Files.newInputStream(request.wxrFile()), read))))
				.map(entries -> ImportBatch.of(entries, context))
				// A file that breaks half-way still has its whole batches committed before the run fails.
				.onErrorResume(ex -> Mono.just(ImportBatch.failed(ex)))
				// The next batch is looked up and rendered while this one is committed: the database and the
				// renderer work at the same time.
				.flatMapSequential(batch -> writer.prepare(context, batch), 2, 1)
				.concatMap(batch -> {
					context.stage = batch.posts.isEmpty() && batch.pages.isEmpty() && batch.attachments.isEmpty()
							? "Authors, categories and tags" : "Posts, pages and comments";
					return writer.commit(context, batch).then(Mono.fromRunnable(() -> progress.accept(context.progress())));
				}, 0)
				.then(Mono.defer(() -> {
					context.stage = "Featured images";
					return covers(context);
				}))
				.then(Mono.defer(() -> {
					context.stage = "Done";
					read.set(created.size());
					progress.accept(context.progress());
					return runs.finish(created.id(), context.progress());
				}));
		}, uploads -> Mono.fromRunnable(() -> uploads.ifPresent(Uploads::close)).subscribeOn(Schedulers.boundedElastic()).then())
			.then(Mono.defer(() -> runs.find(created.id())))
			.map(ImportRun::report)
			.onErrorResume(ex -> {
				String failure = failure(ex);
				return runs.fail(created.id(), failure)
					.onErrorResume(stored -> Mono.empty())
					.then(Mono.error(new ImportFailedException(created.id(), failure, ex)));
			});
	}

	/** Cuts the entries into batches of about BATCH_ROWS rows: an item weighs one plus its comments. */
	private static Flux<java.util.List<WxrEntry>> batches(Flux<WxrEntry> entries) {
		return Flux.defer(() -> {
			int[] weight = { 0 };
			Predicate<WxrEntry> full = entry -> {
				weight[0] += 1 + (entry instanceof WxrItem item ? item.comments().size() : 0);
				if (weight[0] >= BATCH_ROWS) {
					weight[0] = 0;
					return true;
				}
				return false;
			};
			return entries.bufferUntil(full);
		});
	}

	private Mono<Optional<Uploads>> openUploads(ImportRequest request) {
		if (request.uploads() == null) {
			return Mono.just(Optional.empty());
		}
		return Mono.fromCallable(() -> Optional.of(Uploads.open(request.uploads())))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/** Who is credited with items whose author the file does not list: the one importing, else the first admin. */
	private Mono<Long> fallbackAuthor(ImportRequest request) {
		if (request.startedBy() != null) {
			return Mono.just(request.startedBy());
		}
		return database.sql("SELECT id FROM users WHERE role = 'ADMIN' ORDER BY enabled DESC, id LIMIT 1")
			.map((row, meta) -> row.get("id", Long.class))
			.one();
	}

	/**
	 * Gives posts their featured images once the whole file is in: an attachment may come after the post that shows
	 * it. One statement for all of them; a post whose image is not in the file, stays at its old address, or is left
	 * out because that address breaks the rule for covers (not https://), is reported.
	 */
	private Mono<Void> covers(ImportContext context) {
		if (context.siteKey == null) {
			return Mono.empty();
		}
		return database.sql("""
				WITH covered AS (
				    SELECT i.local_id AS post_id, i.wp_id, i.cover_wp_id, a.local_path FROM wordpress_items i
				    LEFT JOIN wordpress_items a ON a.site = i.site AND a.kind = 'attachment' AND a.wp_id = i.cover_wp_id
				    WHERE i.site = :site AND i.kind = 'post' AND i.cover_wp_id IS NOT NULL),
				updated AS (
				    UPDATE posts p SET cover_image = c.local_path FROM covered c
				    WHERE p.id = c.post_id AND c.local_path IS NOT NULL AND p.cover_image IS NULL
				      AND cover_image_allowed(c.local_path) RETURNING p.id),
				cleared AS (
				    UPDATE wordpress_items i SET cover_wp_id = NULL
				    WHERE i.site = :site AND i.kind = 'post' AND i.cover_wp_id IS NOT NULL RETURNING i.wp_id)
				SELECT c.wp_id, c.cover_wp_id, c.local_path, cover_image_allowed(c.local_path) AS allowed, p.title,
				    (SELECT count(*) FROM updated) AS updated
				FROM covered c JOIN posts p ON p.id = c.post_id""")
			.bind("site", context.siteKey)
			.map((row, meta) -> new Cover(row.get("wp_id", Long.class), row.get("cover_wp_id", Long.class),
					row.get("local_path", String.class), Boolean.TRUE.equals(row.get("allowed", Boolean.class)),
					row.get("title", String.class), row.get("updated", Long.class)))
			.all()
			.doOnNext(cover -> {
				String what = "post " + cover.postId() + " “" + cover.title() + "”";
				if (cover.path() == null) {
					context.tally.warn(Reason.MISSING_MEDIA, what,
							"Its featured image (attachment " + cover.attachmentId() + ") is not in the file.");
				}
				else if (!cover.allowed()) {
					// The blog's rule for covers (V82): only an upload or an https:// address is ever printed.
					context.tally.warn(Reason.MISSING_MEDIA, what, "Its featured image is left out: its old address "
							+ cover.path() + " is not https://" + (context.uploads == null ? " — No uploads were given." : ""));
				}
				else if (!cover.path().startsWith("/media/")) {
					context.tally.warn(Reason.MISSING_MEDIA, what, "Its featured image is kept at its old address "
							+ cover.path() + (context.uploads == null ? " — No uploads were given." : ""));
				}
			})
			.reduce(0L, (any, cover) -> Math.max(any, cover.updated()))
			.flatMap(updated -> runs.notes(context.runId, context.tally.takeBatchNotes())
				.then(runs.progress(context.runId, context.progress(), context.tally.leftOut()))
				.then(updated > 0 ? changes.announce(new ContentChange("import", context.runId)) : Mono.empty()))
			.as(transaction::transactional);
	}

	private record Cover(long postId, long attachmentId, String path, boolean allowed, String title, long updated) {
	}

	private static String failure(Throwable ex) {
		if (ex instanceof WxrException || ex instanceof ImportProblem) {
			return ex.getMessage();
		}
		if (ex instanceof IOException) {
			return "The file could not be read (" + ex.getMessage() + ").";
		}
		logger.warn("A WordPress import stopped", ex);
		return "The import stopped at a batch the database refused (" + ex.getMessage() + "). Everything before "
				+ "that batch is imported; import the same file again to add the rest.";
	}
}
