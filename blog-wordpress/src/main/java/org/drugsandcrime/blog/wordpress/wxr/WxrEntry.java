package org.drugsandcrime.blog.wordpress.wxr;

/**
 * One thing a WordPress export holds, in the order the file holds it: the site first, then authors, categories,
 * tags and other terms, then items (posts, pages, attachments, menu items ...) each with its comments. A reader
 * hands these out one at a time, so a file of any size is read in constant memory.
 */
public sealed interface WxrEntry permits WxrSite, WxrAuthor, WxrCategory, WxrTag, WxrTerm, WxrItem {
}
