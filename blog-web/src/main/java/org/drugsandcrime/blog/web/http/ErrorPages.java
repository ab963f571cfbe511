package org.drugsandcrime.blog.web.http;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.web.site.PageMeta;
import org.drugsandcrime.blog.web.site.SiteHeader;
import org.drugsandcrime.blog.web.site.SiteHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Every error a reader can meet, as a page of the site with the right status: a path nobody serves first
 * looks for a recorded legacy redirect (301, imported WordPress URLs and old slugs), else gets the 404 page;
 * other 4xx say what was wrong; anything unexpected is logged and gets a plain 500 page, never a stack trace.
 * Ahead of Spring Boot's own handler (order -1).
 */
@Component
@Order(-2)
class ErrorPages implements WebExceptionHandler {

	private static final Log log = LogFactory.getLog(ErrorPages.class);

	private final Redirects redirects;

	private final SiteHeaders headers;

	private final ServerResponse.Context context;

	ErrorPages(Redirects redirects, SiteHeaders headers, ServerCodecConfigurer codecs,
			ObjectProvider<ViewResolver> viewResolvers) {
		this.redirects = redirects;
		this.headers = headers;
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return codecs.getWriters();
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return viewResolvers.orderedStream().toList();
			}
		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		HttpStatusCode status = error instanceof ResponseStatusException statusError ? statusError.getStatusCode()
				: HttpStatus.INTERNAL_SERVER_ERROR;
		if (status.is5xxServerError()) {
			log.error("Failed to answer " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath(), error);
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (status.value() == 404 && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
			// A sub-folder WordPress's query addresses (/blog/?p=123) end here, so the query counts too.
			return redirects.target(exchange.getRequest().getURI().getRawPath(), exchange.getRequest().getURI().getRawQuery())
				.flatMap(target -> ServerResponse.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(target)).build())
				.switchIfEmpty(Mono.defer(() -> page(exchange, status)))
				.onErrorResume(ex -> page(exchange, status))
				.flatMap(response -> write(exchange, response));
		}
		// Headers the refusal carries (a body refused unread closes the connection) survive the page.
		HttpHeaders carried = error instanceof ResponseStatusException statusError ? statusError.getHeaders() : HttpHeaders.EMPTY;
		return page(exchange, status).flatMap(response -> write(exchange, response, carried));
	}

	private Mono<Void> write(ServerWebExchange exchange, ServerResponse response) {
		return write(exchange, response, HttpHeaders.EMPTY);
	}

	private Mono<Void> write(ServerWebExchange exchange, ServerResponse response, HttpHeaders carried) {
		exchange.getResponse().getHeaders().clear();
		exchange.getResponse().getHeaders().addAll(carried);
		return response.writeTo(exchange, context);
	}

	private Mono<ServerResponse> page(ServerWebExchange exchange, HttpStatusCode status) {
		ErrorPage page = exchange.getRequest().getMethod() == HttpMethod.POST ? ErrorPage.ofForm(status) : ErrorPage.of(status);
		return headers.load().flatMap(site -> {
			Map<String, Object> model = new HashMap<>();
			model.put("site", site);
			model.put("error", page);
			model.put(PageMeta.ATTRIBUTE, PageMeta.website(site, page.heading() + " – " + site.title(), page.message(),
					exchange.getRequest().getPath().value()));
			return ServerResponse.status(status)
				.contentType(MediaType.TEXT_HTML)
				.header("Cache-Control", "no-store")
				.render("error", model);
		}).onErrorResume(ex -> ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN)
			.bodyValue(page.heading() + "\n\n" + page.message() + "\n"));
	}

	/** What the page says; the wording depends only on the status, never on the exception. */
	record ErrorPage(int status, String heading, String message) {

		static ErrorPage of(HttpStatusCode status) {
			return switch (status.value()) {
				case 404 -> new ErrorPage(404, "Page not found",
						"There is no page at this address. It may have moved, or the link may be mistyped. "
								+ "Try searching the blog or start from the latest posts.");
				case 405 -> new ErrorPage(405, "Not possible here",
						"This address cannot be used that way. Go back to the page you came from and try again.");
				case 413, 414, 431 -> new ErrorPage(status.value(), "Request too long",
						"What was sent is longer than this site accepts. Please shorten it and try again.");
				case 415 -> new ErrorPage(415, "Unexpected form",
						"This address expects a form sent from this site's pages.");
				case 429 -> new ErrorPage(429, "Too many requests",
						"This address has asked for more pages than the site serves one visitor at a time. "
								+ "Please wait a minute, then try again.");
				default -> status.is4xxClientError() ? new ErrorPage(status.value(), "Bad request",
						"This request could not be understood. Check the address and try again.")
						: new ErrorPage(status.value(), "Something went wrong",
								"The page could not be shown just now. Please try again in a moment.");
			};
		}

		/** What a page says to a form that was sent but not taken: the reader's way forward is the form, not the address. */
		static ErrorPage ofForm(HttpStatusCode status) {
			return switch (status.value()) {
				case 400 -> new ErrorPage(400, "The form could not be read",
						"What arrived was not a form this site can read, so nothing was done. Go back to the page, "
								+ "and send the form from there.");
				case 408 -> new ErrorPage(408, "The form did not arrive",
						"Only part of the form arrived before the connection went quiet, so nothing was done. "
								+ "Please send it again.");
				case 413 -> new ErrorPage(413, "The form is too long",
						"What was sent is longer than this site accepts, so nothing was done. Please shorten it and "
								+ "send it again.");
				case 415 -> new ErrorPage(415, "Unexpected form",
						"This address takes only the forms of this site's pages, so nothing was done. Go back to the "
								+ "page, and send the form from there.");
				default -> of(status);
			};
		}
	}
}
