package org.drugsandcrime.blog.core.feed;

/** The archives that have a feed of their own, each with its public path segment. */
public enum ArchiveKind {

	CATEGORY("category"), TAG("tag"), AUTHOR("author"), SERIES("series");

	private final String path;

	ArchiveKind(String path) {
		this.path = path;
	}

	/** The first path segment of the archive's pages and feed: {@code /category/{slug}/feed}. */
	public String path() {
		return path;
	}
}
