package org.drugsandcrime.blog.core.post;

/** A category, tag or series as readers see it: a name that links to its archive. */
public record Label(String slug, String name) {
}
