package org.drugsandcrime.blog.core.media;

/**
 * A file over the size limit, or an image declaring more pixels than {@code blog.media.max-megapixels}: refused
 * before anything is stored.
 */
public class ImageTooLargeException extends InvalidMediaException {

	ImageTooLargeException(String message) {
		super(message);
	}
}
