package org.drugsandcrime.blog.wordpress.importing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Count;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Note;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class ImportRunsTests {

	@Autowired
	ImportRuns runs;

	@Autowired
	MutableClock clock;

	@Test
	void aRunsProgressAndReportAreReadBackAsStored() {
		long id = runs.create(new ImportRequest(Path.of("/tmp/site.xml"), "site.xml", null, null), 1000).block();
		runs.progress(id, new ImportProgress(500, 1000, 42, "Posts and comments"), 3).block();
		assertThat(runs.find(id).block().progress()).isEqualTo(new ImportProgress(500, 1000, 42, "Posts and comments"));
		assertThat(runs.find(id).block().report()).isNull();

		runs.counts(id, List.of(new Count("posts", 50, 48, 0, 2), new Count("comments", 10, 10, 0, 0))).block();
		runs.notes(id, List.of(new ImportRuns.StoredNote(true, new Note(Reason.TRASHED, "post 7 “Old”", "")),
				new ImportRuns.StoredNote(false, new Note(Reason.SLUG_RENAMED, "post 8 “New”", "hello → hello-2"))))
			.block();
		runs.finish(id, new ImportProgress(1000, 1000, 60, "Done")).block();

		ImportRun run = runs.find(id).block();
		assertThat(run.state()).isEqualTo(ImportState.FINISHED);
		assertThat(run.finishedAt()).isNotNull();
		assertThat(run.report().counts()).containsExactly(new Count("posts", 50, 48, 0, 2),
				new Count("comments", 10, 10, 0, 0));
		assertThat(run.report().skipped()).extracting(Note::reason).containsExactly(Reason.TRASHED);
		assertThat(run.report().warnings()).extracting(Note::detail).containsExactly("hello → hello-2");
		assertThat(run.report().notesLeftOut()).isEqualTo(3);
		assertThat(runs.recent().map(ImportRun::id).collectList().block()).contains(id);
	}

	@Test
	void aRunWhoseProgressStoppedLongAgoIsShownAsFailed() {
		long id = runs.create(new ImportRequest(Path.of("/tmp/site.xml"), "killed.xml", null, null), 1000).block();
		clock.advance(ImportRuns.SILENT_FOR.plus(Duration.ofMinutes(1)));
		try {
			ImportRun run = runs.find(id).block();
			assertThat(run.state()).isEqualTo(ImportState.FAILED);
			assertThat(run.failure()).contains("Import the same file again");
		}
		finally {
			clock.set(java.time.Instant.now());
		}
	}
}
