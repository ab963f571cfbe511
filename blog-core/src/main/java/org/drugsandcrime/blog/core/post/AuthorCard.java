package org.drugsandcrime.blog.core.post;

/** The author as shown under a post: name, bio and Twitter handle (without the @). */
public record AuthorCard(String slug, String displayName, String bio, String twitterHandle) {
}
