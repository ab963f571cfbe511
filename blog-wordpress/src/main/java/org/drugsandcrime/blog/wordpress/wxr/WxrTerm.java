package org.drugsandcrime.blog.wordpress.wxr;

/**
 * A {@code wp:term} of any other taxonomy (navigation menus, post formats, a plugin's own). The blog has no
 * place for them; the import counts them and says so in its report.
 */
public record WxrTerm(long termId, String taxonomy, String slug, String name, String parentSlug,
		String description) implements WxrEntry {
}
