package org.drugsandcrime.blog.core.feed;

import java.util.Optional;

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

	/** The kind whose path segment (also the kind of a {@code ContentChange}) this is, if any. */
	public static Optional<ArchiveKind> ofPath(String path) {
		for (ArchiveKind kind : values()) {
			if (kind.path.equals(path)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}
}
