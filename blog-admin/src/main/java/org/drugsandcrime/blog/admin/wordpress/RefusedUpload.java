package org.drugsandcrime.blog.admin.wordpress;

/** An import upload turned away before any import started; the message says why, for staff. */
class RefusedUpload extends RuntimeException {

	RefusedUpload(String message) {
		super(message);
	}
}
