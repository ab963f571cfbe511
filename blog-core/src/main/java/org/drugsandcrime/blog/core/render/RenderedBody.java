package org.drugsandcrime.blog.core.render;

/**
 * A post or page body as it is stored after saving: sanitised HTML for readers, plain text for search,
 * an excerpt for lists and feeds, and the reading time.
 */
public record RenderedBody(String html, String text, String excerpt, int readingMinutes) {
}
