package org.drugsandcrime.blog.admin.wordpress;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses an import upload larger than {@code blog.wordpress.max-upload-size} with a 413 page that says why and what
 * to do instead. An upload that states its length is refused before a byte of it is read; one sent in chunks is
 * stopped where it passes the limit ({@link ImportUploadReading}). Either way nothing is stored and no import
 * starts. Runs inside the media library's {@code UploadLimit}, so the import's words win on the import's address.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ImportUploadLimit implements WebFilter {

	private final ImportUploadProperties properties;

	ImportUploadLimit(ImportUploadProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!HttpMethod.POST.equals(exchange.getRequest().getMethod())
				|| !WordPressController.IMPORTS.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		if (exchange.getRequest().getHeaders().getContentLength() > properties.maxBytes()) {
			return tooLarge(exchange.getResponse());
		}
		return chain.filter(exchange).onErrorResume(DataBufferLimitException.class,
				ex -> exchange.getResponse().isCommitted() ? Mono.error(ex) : tooLarge(exchange.getResponse()));
	}

	private Mono<Void> tooLarge(ServerHttpResponse response) {
		String message = ("The upload is larger than %d MB, the most the portal takes for an import. Nothing was stored "
				+ "and nothing was imported. A larger site moves in from the command line: "
				+ "java -jar blog-admin.jar import-wordpress export.xml").formatted(properties.maxMegabytes());
		String html = """
				<!DOCTYPE html>
				<html lang="en-GB"><head><meta charset="utf-8"><title>Too large · Blog admin</title>
				<link rel="stylesheet" href="/admin.css"></head>
				<body><main id="main" class="narrow"><h1>Too large</h1>
				<p class="error" role="alert">%s</p>
				<p><a href="%s">Back to WordPress import and export</a></p></main></body></html>
				""".formatted(HtmlUtils.htmlEscape(message), WordPressController.SCREEN);
		response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		// The rest of the body is not read: the connection closes rather than carry it.
		response.getHeaders().setConnection("close");
		return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
	}
}
