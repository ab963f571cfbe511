package org.drugsandcrime.blog.web.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.search.PostSearch;
import org.drugsandcrime.blog.core.search.SearchResults;
import org.drugsandcrime.blog.web.site.PageMeta;
import org.drugsandcrime.blog.web.site.PostCard;
import org.drugsandcrime.blog.web.site.SiteHeader;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * Full-text search. Whatever a reader types gets a page that says what happened: results with the matched
 * words marked, nothing found, nothing to search for, or a query too long to run.
 */
@Controller
class SearchController {

	private final PostSearch search;

	SearchController(PostSearch search) {
		this.search = search;
	}

	@GetMapping("/search")
	Mono<String> search(@RequestParam(name = "q", required = false) List<String> q,
			@RequestParam(name = "page", required = false) String page, ServerWebExchange exchange, Model model) {
		String query = q == null || q.isEmpty() ? "" : q.get(0);
		Integer number = page(page);
		if (number == null) {
			exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
			return Mono.just(show(model, query, null, "There is no such page of results",
					"Pages of results are numbered from 1. Search again below, or go back to the first page of results.", 1));
		}
		return search.search(query, number).map(results -> switch (results.outcome()) {
			case FOUND -> show(model, results.query(), results, null, null, number);
			case NOTHING_FOUND -> {
				if (number > 1) {
					exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
					yield show(model, results.query(), null, "No more results",
							"There are no more posts matching your search. Go back to the first page of results.", number);
				}
				yield show(model, results.query(), results, "Nothing found",
						"No post matches every word you searched for. Try fewer or different words, or \"or\" between them.",
						number);
			}
			case EMPTY -> show(model, "", null, "What are you looking for?",
					"Type one or more words into the box and press Search. Put a phrase in \"quotes\", "
							+ "exclude a word with a minus sign (-word) and use or between alternatives.",
					1);
			case TOO_LONG -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				yield show(model, results.query(), null, "That search is too long",
						"Searches can be up to " + PostSearch.MAX_QUERY_LENGTH
								+ " characters. Please try again with a few words that matter most.",
						1);
			}
			case ONLY_STOP_WORDS -> show(model, results.query(), null, "Please search for more specific words",
					"Words such as \"the\", \"and\" or \"of\" appear in nearly every post, so the search ignores them. "
							+ "Add a word that says what you are looking for.",
					1);
		});
	}

	private String show(Model model, String query, SearchResults results, String heading, String message, int page) {
		SiteHeader site = SiteHeader.of(model);
		List<Hit> hits = results == null ? List.of()
				: results.hits().stream().map(hit -> new Hit(PostCard.of(hit.post(), site.time()), hit.titleHtml(), hit.snippetHtml())).toList();
		String base = "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
		String previous = results != null && results.hasPrevious() ? base + (page == 2 ? "" : "&page=" + (page - 1)) : null;
		String next = results != null && results.hasNext() ? base + "&page=" + (page + 1) : null;
		model.addAttribute("searchQuery", query);
		model.addAttribute("search", new SearchPage(query, heading, message, hits, page, previous, next));
		String title = query.isEmpty() ? "Search" : "Search: " + query + (page > 1 ? " – page " + page : "");
		model.addAttribute(PageMeta.ATTRIBUTE, PageMeta.website(site, title + " – " + site.title(),
				"Search the posts of " + site.title() + ".", query.isEmpty() ? "/search" : base + (page > 1 ? "&page=" + page : "")));
		return "search";
	}

	/** Page numbers as a query parameter: absent is 1; anything but 1 and up is refused (null). */
	private static Integer page(String text) {
		if (text == null || text.isEmpty()) {
			return 1;
		}
		if (text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(text) < 1) {
			return null;
		}
		return Integer.parseInt(text);
	}

	/** A result: the post, and its title and a passage with the matched words in mark elements (safe HTML). */
	record Hit(PostCard card, String titleHtml, String snippetHtml) {
	}

	record SearchPage(String query, String heading, String message, List<Hit> hits, int page, String previousUrl,
			String nextUrl) {
	}
}
