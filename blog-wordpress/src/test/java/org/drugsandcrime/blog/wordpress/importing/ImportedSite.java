package org.drugsandcrime.blog.wordpress.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.drugsandcrime.blog.wordpress.GeneratedExport;

/**
 * A WordPress export as a test imports it: under a site address of its own, so tests sharing the JVM's database
 * never see each other's imports as theirs (the mapping is keyed by site, and posts by their guid, which holds it).
 */
final class ImportedSite {

	private static final AtomicInteger SITES = new AtomicInteger();

	private static final String SAMPLE_SITE = "http://127.0.0.1:8090";

	/** The site's key in wordpress_items. */
	final String key;

	/** The site's address as the file holds it. */
	final String address;

	private ImportedSite(String name) {
		this.key = name + "-" + SITES.incrementAndGet() + "-" + ProcessHandle.current().pid() + ".example.org";
		this.address = "http://" + key;
	}

	static ImportedSite named(String name) {
		return new ImportedSite(name);
	}

	/** The sample export of 50 posts, moved to this site. */
	Path sample() {
		try (InputStream in = ImportedSite.class.getResourceAsStream(GeneratedExport.SAMPLE)) {
			return file(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SAMPLE_SITE, address));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path file(String wxr) {
		try {
			Path file = Files.createTempFile("import-", ".wxr");
			file.toFile().deleteOnExit();
			Files.writeString(file, wxr);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A generated export of this size, moved to this site. */
	Path generated(int posts, int comments) {
		try {
			Path raw = Files.createTempFile("generated-", ".wxr");
			GeneratedExport.posts(posts).comments(comments).writeTo(raw);
			String text = Files.readString(raw).replace(SAMPLE_SITE, address);
			Files.delete(raw);
			return file(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A hand-written export of this site: {@code body} is what goes in the channel after the site's own fields. */
	String wxr(String body) {
		return """
				<?xml version="1.0" encoding="UTF-8" ?>
				<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
				  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
				  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
				<channel>
				  <title>Test site</title>
				  <link>%1$s</link>
				  <description>A site of a test</description>
				  <language>en-GB</language>
				  <wp:wxr_version>1.2</wp:wxr_version>
				  <wp:base_site_url>%1$s</wp:base_site_url>
				  <wp:base_blog_url>%1$s</wp:base_blog_url>
				  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>writer</wp:author_login>
				    <wp:author_email>writer@%2$s</wp:author_email><wp:author_display_name>Wendy Writer</wp:author_display_name>
				    <wp:author_first_name>Wendy</wp:author_first_name><wp:author_last_name>Writer</wp:author_last_name></wp:author>
				%3$s
				</channel>
				</rss>
				""".formatted(address, key, body);
	}

	/** An item of type post; {@code extra} goes inside it (terms, postmeta, comments). */
	String post(long id, String title, String name, String status, String dateGmt, String content, String extra) {
		return """
				<item>
				  <title>%2$s</title>
				  <link>%6$s/?p=%1$d</link>
				  <guid isPermaLink="false">%6$s/?p=%1$d</guid>
				  <dc:creator>writer</dc:creator>
				  <content:encoded><![CDATA[%5$s]]></content:encoded>
				  <excerpt:encoded><![CDATA[]]></excerpt:encoded>
				  <wp:post_id>%1$d</wp:post_id>
				  <wp:post_date>%4$s</wp:post_date>
				  <wp:post_date_gmt>%4$s</wp:post_date_gmt>
				  <wp:post_modified_gmt>%4$s</wp:post_modified_gmt>
				  <wp:comment_status>open</wp:comment_status>
				  <wp:post_name>%3$s</wp:post_name>
				  <wp:status>%7$s</wp:status>
				  <wp:post_parent>0</wp:post_parent>
				  <wp:menu_order>0</wp:menu_order>
				  <wp:post_type>post</wp:post_type>
				  <wp:post_password></wp:post_password>
				  <wp:is_sticky>0</wp:is_sticky>
				  %8$s
				</item>
				""".formatted(id, title, name, dateGmt, content, address, status, extra);
	}

	static String comment(long id, long parent, String author, String content) {
		return """
				<wp:comment>
				  <wp:comment_id>%1$d</wp:comment_id>
				  <wp:comment_author><![CDATA[%3$s]]></wp:comment_author>
				  <wp:comment_author_email>%3$s@example.org</wp:comment_author_email>
				  <wp:comment_author_url></wp:comment_author_url>
				  <wp:comment_author_IP>127.0.0.1</wp:comment_author_IP>
				  <wp:comment_date>2015-03-02 10:00:00</wp:comment_date>
				  <wp:comment_date_gmt>2015-03-02 10:00:00</wp:comment_date_gmt>
				  <wp:comment_content><![CDATA[%4$s]]></wp:comment_content>
				  <wp:comment_approved>1</wp:comment_approved>
				  <wp:comment_type>comment</wp:comment_type>
				  <wp:comment_parent>%2$d</wp:comment_parent>
				  <wp:comment_user_id>0</wp:comment_user_id>
				</wp:comment>
				""".formatted(id, parent, author, content);
	}
}
