package org.drugsandcrime.blog.web.comment;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.comment.ReplyRefusedException;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.core.subscription.EmailAddress;
import org.drugsandcrime.blog.core.subscription.InvalidEmailAddressException;
import org.drugsandcrime.blog.web.guard.ClientAddress;
import org.drugsandcrime.blog.web.guard.CrossSitePosts;
import org.drugsandcrime.blog.web.site.PageMeta;
import org.drugsandcrime.blog.web.site.SiteHeader;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * A reader's comment: checked, stored as pending for moderation, and answered with a redirect back to the
 * post whose URL carries the notice (the site keeps no session). Posts from other sites are refused, a flood
 * from one address is slowed, and a form whose hidden honeypot field was filled in (only bots see it) is
 * dropped without telling the bot.
 */
@Controller
class CommentController {

	static final int MAX_NAME = 100;

	static final int MAX_WEBSITE = 200;

	static final int MAX_BODY = 5000;

	private final PublishedPosts posts;

	private final PostComments comments;

	private final CommentRequests requests;

	CommentController(PublishedPosts posts, PostComments comments, CommentRequests requests) {
		this.posts = posts;
		this.comments = comments;
		this.requests = requests;
	}

	@PostMapping("/posts/{slug}/comments")
	Mono<String> comment(@PathVariable String slug, ServerWebExchange exchange, Model model) {
		if (!Slugs.isValid(slug)) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		if (CrossSitePosts.isCrossSite(exchange.getRequest())) {
			return Mono.just(notice(exchange, model, HttpStatus.FORBIDDEN, "Please use the form on this site",
					"This comment was sent from another site, so it was not accepted. Open the post on this site and "
							+ "use the comment form under it.",
					slug));
		}
		String client = ClientAddress.of(exchange);
		if (!requests.allow(client)) {
			exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(CommentRequests.WINDOW.toSeconds()));
			return Mono.just(notice(exchange, model, HttpStatus.TOO_MANY_REQUESTS, "Too many comments at once",
					"Many comments came from your network within the last minute. Please wait a minute and send yours again.",
					slug));
		}
		return posts.bySlug(slug)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.flatMap(post -> exchange.getFormData().flatMap(form -> {
				String thanks = "redirect:/posts/" + post.slug() + "?comment=pending#comments";
				if (!blank(form.getFirst("homepage"))) {
					return Mono.just(thanks);
				}
				CommentForm filled = filled(post.slug(), form);
				if (!filled.errors().isEmpty()) {
					return Mono.just(retry(exchange, model, post.title(), post.slug(), filled));
				}
				return comments.submit(post.id(), filled.parent(), filled.name(), filled.email(), blankToNull(filled.website()),
						filled.body(), filled.notifyReplies(), client)
					.thenReturn(thanks)
					// The form comes back without the parent: sent again, it is a comment of its own.
					.onErrorResume(ReplyRefusedException.class, ex -> Mono.just(retry(exchange, model, post.title(), post.slug(),
							new CommentForm(filled.action(), filled.name(), filled.email(), filled.website(), filled.body(), null,
									filled.notifyReplies(), Map.of("parent", ex.getMessage())))));
			}));
	}

	private static String retry(ServerWebExchange exchange, Model model, String postTitle, String slug, CommentForm form) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		SiteHeader site = SiteHeader.of(model);
		model.addAttribute("form", form);
		model.addAttribute("postTitle", postTitle);
		model.addAttribute("postUrl", "/posts/" + slug);
		model.addAttribute(PageMeta.ATTRIBUTE, PageMeta.website(site, "Your comment needs a change – " + site.title(), null,
				"/posts/" + slug));
		return "comment/retry";
	}

	private static CommentForm filled(String slug, MultiValueMap<String, String> form) {
		String name = value(form, "name");
		String email = value(form, "email");
		String website = value(form, "website");
		String body = form.getFirst("body") == null ? "" : form.getFirst("body").strip();
		Map<String, String> errors = new LinkedHashMap<>();
		if (body.isEmpty()) {
			errors.put("body", "Please write a comment.");
		}
		else if (body.length() > MAX_BODY) {
			errors.put("body", "Please keep the comment under " + MAX_BODY + " characters (it has " + body.length() + ").");
		}
		if (name.isEmpty()) {
			errors.put("name", "Please give your name.");
		}
		else if (name.length() > MAX_NAME) {
			errors.put("name", "Please keep the name under " + MAX_NAME + " characters.");
		}
		try {
			EmailAddress.parse(email);
		}
		catch (InvalidEmailAddressException ex) {
			errors.put("email", ex.getMessage() + " It is never shown.");
		}
		if (!website.isEmpty() && (website.length() > MAX_WEBSITE || CommentText.website(website) == null)) {
			errors.put("website", "Please give the website as a full address starting with https:// or http://, or leave it empty.");
		}
		return new CommentForm("/posts/" + slug + "/comments", cut(name, MAX_NAME), cut(email, EmailAddress.MAX_LENGTH),
				cut(website, MAX_WEBSITE), cut(body, MAX_BODY), parent(form.getFirst("parent")),
				form.containsKey("notify"), errors);
	}

	private static Long parent(String text) {
		if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Long.parseLong(text);
	}

	private String notice(ServerWebExchange exchange, Model model, HttpStatus status, String heading, String message,
			String slug) {
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		SiteHeader site = SiteHeader.of(model);
		model.addAttribute("notice", new Notice(heading, message, "/posts/" + slug));
		model.addAttribute(PageMeta.ATTRIBUTE, PageMeta.website(site, heading + " – " + site.title(), message, "/posts/" + slug));
		return "comment/notice";
	}

	private static String value(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return value == null ? "" : value.strip();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static String cut(String value, int length) {
		return value.length() > length ? value.substring(0, length) : value;
	}

	/** A page that says why a comment was not taken, with the way back to the post. */
	record Notice(String heading, String message, String postUrl) {
	}
}
