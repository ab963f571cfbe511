package org.drugsandcrime.blog.core.archive;

/**
 * What an archive is about, as its heading shows it: a category, tag, author, series or a stretch of time.
 * {@code twitterHandle} is set for authors only (without the @); {@code description} may be empty.
 */
public record ArchiveTitle(Kind kind, String slug, String name, String description, String twitterHandle) {

	public enum Kind {

		CATEGORY, TAG, AUTHOR, SERIES, YEAR, MONTH

	}
}
