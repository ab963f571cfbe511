package org.drugsandcrime.blog.core.archive;

import org.drugsandcrime.blog.core.post.PostPage;

/** One page of an archive with its heading. */
public record ArchivePage(ArchiveTitle title, PostPage posts) {
}
