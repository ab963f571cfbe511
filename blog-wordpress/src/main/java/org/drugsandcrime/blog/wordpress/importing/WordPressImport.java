package org.drugsandcrime.blog.wordpress.importing;

import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Service;

/**
 * Imports a WordPress export (WXR) into the blog: the portal starts a run in the background and shows its stored
 * progress; the command line runs one to the end. Every run is recorded in {@code wordpress_imports}.
 */
@Service
public class WordPressImport {

	private static final Log logger = LogFactory.getLog(WordPressImport.class);

	private final ImportRuns runs;

	WordPressImport(ImportRuns runs) {
		this.runs = runs;
	}

	/** Records a run and starts it in the background; answers at once with the run as it starts. */
	public Mono<ImportRun> start(ImportRequest request) {
		return create(request).flatMap(id -> {
			execute(id, request, progress -> {
			}).subscribe(report -> {
			}, ex -> logger.info("WordPress import " + id + " failed: " + ex.getMessage()));
			return runs.find(id);
		});
	}

	/**
	 * Records a run and runs it to the end, telling {@code progress} after every batch. Completes with the report;
	 * a run that cannot finish (bad file, refused batch) is stored as FAILED and ends with
	 * {@link ImportFailedException}, whose message is for staff.
	 */
	public Mono<ImportReport> run(ImportRequest request, Consumer<ImportProgress> progress) {
		return create(request).flatMap(id -> execute(id, request, progress));
	}

	/** A run with its progress and, once it ended, its report; empty for an unknown id. */
	public Mono<ImportRun> find(long id) {
		return runs.find(id);
	}

	/** The latest runs, newest first. */
	public Flux<ImportRun> recent() {
		return runs.recent();
	}

	private Mono<Long> create(ImportRequest request) {
		return Mono.fromCallable(() -> Files.size(request.wxrFile()))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorResume(ex -> Mono.just(0L))
			.flatMap(size -> runs.create(request, size));
	}

	private Mono<ImportReport> execute(long id, ImportRequest request, Consumer<ImportProgress> progress) {
		// The first cut records runs so the portal and the command line can be built; the import itself follows.
		String failure = "The WordPress import is not ready yet.";
		return runs.fail(id, failure)
			.then(Mono.error(new ImportFailedException(id, failure, null)));
	}

	static ImportReport empty() {
		return new ImportReport(List.of(), List.of(), List.of(), 0);
	}
}
