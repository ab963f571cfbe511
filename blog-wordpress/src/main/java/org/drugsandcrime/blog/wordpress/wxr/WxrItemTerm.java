package org.drugsandcrime.blog.wordpress.wxr;

/**
 * An item's {@code <category domain="..." nicename="...">name</category>}.
 *
 * @param domain {@code category}, {@code post_tag}, or another taxonomy
 */
public record WxrItemTerm(String domain, String nicename, String name) {
}
