package org.drugsandcrime.blog.wordpress.wxr;

/** A {@code wp:tag}. */
public record WxrTag(long termId, String slug, String name, String description) implements WxrEntry {
}
