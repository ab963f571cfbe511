package org.drugsandcrime.blog.wordpress.wxr;

/**
 * A {@code wp:category}. WordPress names the parent by its nicename (slug), and writes parents before children.
 *
 * @param parentNicename blank for a top-level category
 */
public record WxrCategory(long termId, String nicename, String parentNicename, String name,
		String description) implements WxrEntry {
}
