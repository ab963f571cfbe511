package org.drugsandcrime.blog.core.search;

import org.drugsandcrime.blog.core.post.PostSummary;

/**
 * A post that matches, with its title and a passage of its text in which the matched words are wrapped in
 * {@code <mark>}. Both are safe HTML: the text is escaped before the marks are added.
 */
public record SearchHit(PostSummary post, String titleHtml, String snippetHtml) {
}
