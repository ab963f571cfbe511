package org.drugsandcrime.blog.wordpress.wxr;

/** A {@code wp:author}: the login is what items name in {@code dc:creator}. */
public record WxrAuthor(long id, String login, String email, String displayName, String firstName,
		String lastName) implements WxrEntry {
}
