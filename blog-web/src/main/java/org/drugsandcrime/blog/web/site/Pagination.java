package org.drugsandcrime.blog.web.site;

import org.drugsandcrime.blog.core.post.PostPage;

/**
 * Links to the neighbouring pages of a list, or null where there is none. {@code base} is the list's first
 * page; later pages are {@code base/page/n} (or {@code ?page=n} for search).
 */
public record Pagination(int page, String previousUrl, String nextUrl) {

	public static Pagination of(String base, PostPage page) {
		return of(base, page.page(), page.hasNext());
	}

	public static Pagination of(String base, int page, boolean hasNext) {
		String root = base.equals("/") ? "" : base;
		String previous = page <= 1 ? null : page == 2 ? (root.isEmpty() ? "/" : root) : root + "/page/" + (page - 1);
		String next = hasNext ? root + "/page/" + (page + 1) : null;
		return new Pagination(page, previous, next);
	}

	public boolean shown() {
		return previousUrl != null || nextUrl != null;
	}

	/** The path of page {@code page} of {@code base}. */
	public static String path(String base, int page) {
		String root = base.equals("/") ? "" : base;
		return page <= 1 ? (root.isEmpty() ? "/" : root) : root + "/page/" + page;
	}
}
