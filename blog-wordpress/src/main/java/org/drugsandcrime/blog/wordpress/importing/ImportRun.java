package org.drugsandcrime.blog.wordpress.importing;

import java.time.Instant;

/**
 * One import as stored in {@code wordpress_imports}: any admin process can show it.
 *
 * @param report what was done so far; complete once the state is FINISHED, partial for a FAILED run, null while
 *        RUNNING
 * @param failure for staff, why a FAILED run stopped; null otherwise
 * @param finishedAt null while RUNNING
 */
public record ImportRun(long id, ImportState state, String fileName, ImportProgress progress, ImportReport report,
		String failure, Instant startedAt, Instant finishedAt) {
}
