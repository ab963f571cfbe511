package org.drugsandcrime.blog.core.post;

/** Where a post stands in its series, with its neighbours (null at either end). */
public record SeriesBox(String slug, String name, Integer position, int total, Label previous, Label next) {
}
