package org.drugsandcrime.blog.admin.media;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.media.MediaLibrary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The multipart reader stops an upload at the media size limit while it streams in (in whichever filter
 * reads the form first, often the CSRF check), and the form reader stops an oversized form the same way. This
 * turns that stop into a 413 page that says why, instead of a server error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimit implements WebFilter {


	private final MediaLibrary library;

	UploadLimit(MediaLibrary library) {
		this.library = library;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume(DataBufferLimitException.class, ex -> {
			if (exchange.getResponse().isCommitted()) {
				return Mono.error(ex);
			}
			long megabytes = library.maxBytes() / (1024 * 1024);
			MediaType type = exchange.getRequest().getHeaders().getContentType();
			boolean upload = type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
			String path = exchange.getRequest().getPath().value();
			boolean subscriberList = upload && path.startsWith("/subscribers/");
			String message = subscriberList
					? "The file is larger than %d MB: a list of subscribers may be at most %d MB. Nothing was imported."
						.formatted(megabytes, megabytes)
					: upload
					? "The file is larger than %d MB: images may be at most %d MB. Nothing was stored.".formatted(megabytes, megabytes)
					: "That form is larger than the portal accepts. Nothing was saved: go back and shorten it.";
			if (upload && exchange.getRequest().getPath().value().equals("/media/uploads")) {
				// The editor's upload reads JSON; the message is the same.
				String json = "{\"error\":\"" + message.replace("\"", "\\\"") + "\"}";
				exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
				exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
				return exchange.getResponse()
					.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
			}
			String html = """
					<!DOCTYPE html>
					<html lang="en-GB"><head><meta charset="utf-8"><title>Too large · Blog admin</title>
					<link rel="stylesheet" href="/admin.css"></head>
					<body><main id="main" class="narrow"><h1>Too large</h1>
					<p class="error" role="alert">%s</p>
					<p><a href="%s">Back</a></p></main></body></html>
					""".formatted(message, subscriberList ? "/subscribers" : upload ? "/media" : "/");
			exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
			exchange.getResponse().getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
			return exchange.getResponse()
				.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
		});
	}
}
