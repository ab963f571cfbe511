package org.drugsandcrime.blog.wordpress.wxr;

/**
 * The channel's own fields, handed out before any author, term or item.
 *
 * @param wxrVersion {@code 1.0}, {@code 1.1} or {@code 1.2}
 * @param baseSiteUrl where WordPress's files lived ({@code wp:base_site_url}); uploads are under it
 * @param baseBlogUrl where its pages lived ({@code wp:base_blog_url}); every old address starts with it
 */
public record WxrSite(String title, String link, String description, String language, String wxrVersion,
		String baseSiteUrl, String baseBlogUrl) implements WxrEntry {
}
