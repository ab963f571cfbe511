package org.drugsandcrime.blog.core.search;

import java.util.List;

/**
 * One page of answers to a reader's search. {@code outcome} says why a page may be empty, so the site can
 * answer a query it cannot run with a friendly explanation instead of an error.
 */
public record SearchResults(String query, Outcome outcome, List<SearchHit> hits, int page, boolean hasNext) {

	public enum Outcome {

		/** At least one post matches (on some page). */
		FOUND,
		/** A query that could run and matched nothing on this page. */
		NOTHING_FOUND,
		/** Nothing was typed. */
		EMPTY,
		/** Longer than {@link PostSearch#MAX_QUERY_LENGTH} characters. */
		TOO_LONG,
		/** Only words a search ignores ("the", "and", punctuation). */
		ONLY_STOP_WORDS

	}

	static SearchResults refused(String query, Outcome outcome, int page) {
		return new SearchResults(query, outcome, List.of(), page, false);
	}

	public boolean hasPrevious() {
		return page > 1;
	}
}
