package org.drugsandcrime.blog.admin.layout;

/** The portal's addresses of a post, in one place for the screens and redirects that lead to it. */
public final class PostAddresses {

	private PostAddresses() {
	}

	/** The post's editor. */
	public static String editor(long postId) {
		return "/posts/" + postId + "/edit";
	}
}
