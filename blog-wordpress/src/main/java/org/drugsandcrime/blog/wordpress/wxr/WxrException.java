package org.drugsandcrime.blog.wordpress.wxr;

/**
 * A file that cannot be read as a WordPress export: not XML, cut short, an RSS feed that is not WXR, a document
 * type declaration (entity expansion and external entities are refused outright). The message is for staff: it says
 * what is wrong and, where it can, at which line.
 */
public class WxrException extends RuntimeException {

	public WxrException(String message) {
		super(message);
	}

	public WxrException(String message, Throwable cause) {
		super(message, cause);
	}
}
