package org.drugsandcrime.blog.core.media;

/** An upload that would take its uploader past their quota ({@code blog.media.quota-per-account}). */
public class MediaQuotaExceededException extends InvalidMediaException {

	MediaQuotaExceededException(String message) {
		super(message);
	}
}
