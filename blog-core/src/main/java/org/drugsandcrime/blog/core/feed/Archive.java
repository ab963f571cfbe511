package org.drugsandcrime.blog.core.feed;

/** A category, tag, author or series that has posts readers can follow. */
public record Archive(ArchiveKind kind, long id, String slug, String name, String description) {
}
