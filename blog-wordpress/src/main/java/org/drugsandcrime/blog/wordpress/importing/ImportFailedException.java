package org.drugsandcrime.blog.wordpress.importing;

/**
 * An import that stopped before the end: the file is not a WordPress export, is cut short, or the database refused
 * a batch. The message is for staff; the run is stored as FAILED with it, and every batch before it stays.
 */
public class ImportFailedException extends RuntimeException {

	private final long runId;

	ImportFailedException(long runId, String message, Throwable cause) {
		super(message, cause);
		this.runId = runId;
	}

	public long runId() {
		return runId;
	}
}
