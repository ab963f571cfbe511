package org.drugsandcrime.blog.core.post;

/** No post with that id or slug; the web layers answer 404. */
public class PostNotFoundException extends RuntimeException {

	public PostNotFoundException(Object key) {
		super("No post " + key);
	}
}
