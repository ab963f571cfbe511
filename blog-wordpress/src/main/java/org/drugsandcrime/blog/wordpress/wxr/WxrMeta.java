package org.drugsandcrime.blog.wordpress.wxr;

/** A {@code wp:postmeta} or {@code wp:commentmeta} pair. */
public record WxrMeta(String key, String value) {
}
