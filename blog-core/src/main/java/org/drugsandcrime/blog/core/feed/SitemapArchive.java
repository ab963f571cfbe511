package org.drugsandcrime.blog.core.feed;

import java.time.Instant;

/** A page of the site that is not a post (home, standalone pages, archives), with its site-relative path. */
public record SitemapArchive(String path, Instant lastModified) {
}
