package org.drugsandcrime.blog.core.feed;

/** An approved comment in the site's comment feed, with the post it was written on. */
public record SiteComment(CommentedPost post, FeedComment comment) {
}
