package org.drugsandcrime.blog.admin.layout;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A body the portal cannot read is the sender's mistake, answered 400 with the portal's error page before anything
 * acts on it: a body that is neither a form nor multipart, multipart without a boundary, broken percent-encoding,
 * a multipart body cut off before its closing boundary. The body is read here, once, through the exchange's own
 * form and multipart readers, whose results are kept for whoever asks next (the CSRF check, the controller): so a
 * form read only by the CSRF check, or a multipart body sent where a plain form is expected, is judged the same way
 * as any other. Too large a body is not judged here: its reader's limit raises what {@code media.UploadLimit} and
 * {@code wordpress.ImportUploadLimit}, outside this filter, answer with a 413 page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UnreadableBodies implements WebFilter {

	private static final Set<HttpMethod> SEND_BODIES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (!SEND_BODIES.contains(exchange.getRequest().getMethod()) || !hasBody(headers)) {
			return chain.filter(exchange);
		}
		MediaType type = contentType(headers);
		Mono<?> read;
		if (type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
			read = exchange.getFormData();
		}
		else if (type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type) && type.getParameter("boundary") != null
				&& !type.getParameter("boundary").isBlank()) {
			read = exchange.getMultipartData();
		}
		else {
			return Mono.error(unreadable(null));
		}
		// Broken percent-encoding comes out of the form reader as an IllegalArgumentException, a damaged multipart
		// body as a DecodingException; here both are known to be the body's fault.
		return read.onErrorMap(ex -> ex instanceof DecodingException || ex instanceof IllegalArgumentException,
				UnreadableBodies::unreadable).then(chain.filter(exchange));
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	private static MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (RuntimeException invalid) {
			return null;
		}
	}

	private static ResponseStatusException unreadable(Throwable cause) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form could not be read", cause);
	}
}
