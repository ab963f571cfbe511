package org.drugsandcrime.blog.web.site;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Page numbers as readers type them into URLs: only 1 and up, as plain digits; anything else is no page. */
public final class PageNumbers {

	/** Far beyond any archive; keeps OFFSET arithmetic and the URL sane. */
	private static final int LARGEST = 100_000;

	private PageNumbers() {
	}

	/** The page number in {@code text}, or a 404 for "0", "-1", "abc" and the like. */
	public static int parse(String text) {
		if (text == null || text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
				|| text.charAt(0) == '0') {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		int page = Integer.parseInt(text);
		if (page > LARGEST) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return page;
	}
}
