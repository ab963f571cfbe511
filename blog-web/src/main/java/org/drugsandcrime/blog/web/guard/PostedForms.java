package org.drugsandcrime.blog.web.guard;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every body sent to the public site is read here, once, before any handler, within {@link FormProperties}: a
 * body larger than the limit is a 413, one that stops arriving a 408, one that is not a form (JSON, plain text,
 * bytes, no type) a 415, and a form that cannot be read (broken percent-encoding, bytes that are not UTF-8, a NUL,
 * a multipart body cut short or carrying a file) a 400: each a page of the site ({@code http.ErrorPages}) with the
 * connection closed, never a 500. What is read is handed on as the exchange's form data, so controllers see only
 * well-formed text. Forms may come URL-encoded (the site's own) or as multipart, which RFC 8058 recommends to mail
 * providers for one-click unsubscribing. A POST without a body (a token in the URL) passes untouched.
 */
@Component
@EnableConfigurationProperties(FormProperties.class)
class PostedForms implements WebFilter, Ordered {

	private static final Set<HttpMethod> SEND_BODIES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	private static final Set<Charset> READABLE_CHARSETS = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
			StandardCharsets.ISO_8859_1);

	private static final ResolvableType PARTS = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class,
			Part.class);

	private final FormProperties limits;

	private final HttpMessageReader<MultiValueMap<String, Part>> multipartReader;

	@SuppressWarnings("unchecked")
	PostedForms(FormProperties limits, ServerCodecConfigurer codecs) {
		this.limits = limits;
		this.multipartReader = (HttpMessageReader<MultiValueMap<String, Part>>) codecs.getReaders()
			.stream()
			.filter(reader -> reader.canRead(PARTS, MediaType.MULTIPART_FORM_DATA))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No multipart reader"));
	}

	@Override
	public int getOrder() {
		// Ahead of the page cache and everything else that might look at a request.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		if (!SEND_BODIES.contains(request.getMethod())) {
			return chain.filter(exchange);
		}
		long length = headers.getContentLength();
		if (length <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return chain.filter(exchange);
		}
		if (length > limits.maxSize().toBytes()) {
			return Mono.error(refused(HttpStatus.CONTENT_TOO_LARGE, null));
		}
		MediaType type = contentType(headers);
		if (type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
			return Mono.fromCallable(() -> charset(type))
				.flatMap(charset -> body(request).map(bytes -> urlEncoded(bytes, charset)))
				.flatMap(form -> chain.filter(withForm(exchange, form)));
		}
		if (type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type) && type.getParameter("boundary") != null) {
			return body(request).flatMap(bytes -> multipart(exchange, type.getParameter("boundary"), bytes))
				.flatMap(form -> chain.filter(withForm(exchange, form)));
		}
		return Mono.error(refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null));
	}

	/** The whole body, refused once it passes the size limit or takes longer than the read timeout. */
	private Mono<byte[]> body(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), (int) limits.maxSize().toBytes())
			.map(buffer -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0])
			.timeout(limits.readTimeout())
			.onErrorMap(ex -> !(ex instanceof ResponseStatusException), ex -> ex instanceof DataBufferLimitException
					? refused(HttpStatus.CONTENT_TOO_LARGE, ex)
					: ex instanceof TimeoutException ? refused(HttpStatus.REQUEST_TIMEOUT, ex)
					// The connection broke while the body arrived: nobody is left to read the answer.
					: refused(HttpStatus.BAD_REQUEST, ex));
	}

	/**
	 * {@code application/x-www-form-urlencoded}, read strictly: every name and value unescaped to bytes first, then
	 * decoded in the form's charset, so broken escapes and bytes that are not text are refused rather than guessed at.
	 */
	static MultiValueMap<String, String> urlEncoded(byte[] body, Charset charset) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		int start = 0;
		while (start <= body.length) {
			int end = indexOf(body, (byte) '&', start, body.length);
			if (end > start) {
				int equals = indexOf(body, (byte) '=', start, end);
				if (equals == end) {
					form.add(unescape(body, start, end, charset), null);
				}
				else {
					form.add(unescape(body, start, equals, charset), unescape(body, equals + 1, end, charset));
				}
			}
			start = end + 1;
		}
		return form;
	}

	private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return to;
	}

	private static String unescape(byte[] body, int from, int to, Charset charset) {
		byte[] bytes = new byte[to - from];
		int length = 0;
		for (int i = from; i < to; i++) {
			byte b = body[i];
			if (b == '%') {
				int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
				int low = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
				if (high < 0 || low < 0) {
					throw unreadable();
				}
				bytes[length++] = (byte) (high * 16 + low);
				i += 2;
			}
			else {
				bytes[length++] = b == '+' ? (byte) ' ' : b;
			}
		}
		return checked(decode(Arrays.copyOf(bytes, length), charset));
	}

	/** PostgreSQL cannot keep a NUL character in text, and no reader types one. */
	private static String checked(String value) {
		if (value.indexOf('\0') >= 0) {
			throw unreadable();
		}
		return value;
	}

	/** Bytes as text in their charset, or the form is unreadable: never the replacement character in their place. */
	private static String decode(byte[] bytes, Charset charset) {
		try {
			CharBuffer chars = charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw unreadable();
		}
	}

	/** A multipart form: its fields, each strictly UTF-8 (or its part's charset); a file is not something readers send here. */
	private Mono<MultiValueMap<String, String>> multipart(ServerWebExchange exchange, String boundary, byte[] bytes) {
		if (!closes(bytes, boundary)) {
			// A body cut off before its closing boundary, answered here: Spring's parser reports it a second time,
			// after the first report has ended the read, as an error in the log.
			return Mono.error(unreadable());
		}
		ServerHttpRequest whole = new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
			}
		};
		return multipartReader.readMono(PARTS, whole, Hints.from(Hints.LOG_PREFIX_HINT, exchange.getLogPrefix()))
			.onErrorMap(ex -> !(ex instanceof ResponseStatusException), ex -> refused(HttpStatus.BAD_REQUEST, ex))
			.flatMap(parts -> Flux.fromIterable(parts.entrySet())
				.flatMapIterable(Map.Entry::getValue)
				.concatMap(part -> part instanceof FormFieldPart field
						? DataBufferUtils.join(field.content()).map(content -> {
							try {
								byte[] value = new byte[content.readableByteCount()];
								content.read(value);
								Charset charset = field.headers().getContentType() == null ? StandardCharsets.UTF_8
										: charset(field.headers().getContentType());
								return Map.entry(field.name(), checked(decode(value, charset)));
							}
							finally {
								DataBufferUtils.release(content);
							}
						})
						: part.delete().then(Mono.error(refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null))))
				.collect(LinkedMultiValueMap<String, String>::new, (form, field) -> form.add(field.getKey(), field.getValue())));
	}

	/** Whether the body holds the delimiter that closes a multipart body: {@code --boundary--}. */
	private static boolean closes(byte[] body, String boundary) {
		String unquoted = boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")
				? boundary.substring(1, boundary.length() - 1) : boundary;
		byte[] close = ("--" + unquoted + "--").getBytes(StandardCharsets.ISO_8859_1);
		outer: for (int i = body.length - close.length; i >= 0; i--) {
			for (int j = 0; j < close.length; j++) {
				if (body[i + j] != close[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static ServerWebExchange withForm(ServerWebExchange exchange, MultiValueMap<String, String> form) {
		MultiValueMap<String, String> read = org.springframework.util.CollectionUtils.unmodifiableMultiValueMap(form);
		return new ServerWebExchangeDecorator(exchange) {

			@Override
			public Mono<MultiValueMap<String, String>> getFormData() {
				return Mono.just(read);
			}

			@Override
			public Mono<MultiValueMap<String, Part>> getMultipartData() {
				return Mono.just(new LinkedMultiValueMap<>());
			}
		};
	}

	private static MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (RuntimeException invalid) {
			return null;
		}
	}

	/**
	 * The form's charset, UTF-8 when it names none. Only charsets that write {@code &}, {@code =} and {@code %} as
	 * ASCII does can be split before they are decoded; any other is a form this site cannot read.
	 */
	private static Charset charset(MediaType type) {
		Charset charset;
		try {
			charset = type.getCharset();
		}
		catch (RuntimeException unknown) {
			throw refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, unknown);
		}
		if (charset == null) {
			return StandardCharsets.UTF_8;
		}
		if (!READABLE_CHARSETS.contains(charset)) {
			throw refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
		}
		return charset;
	}

	private static ResponseStatusException unreadable() {
		return refused(HttpStatus.BAD_REQUEST, null);
	}

	/**
	 * A refusal whose page closes the connection: the rest of a body nobody read must not be taken for the next
	 * request.
	 */
	static ResponseStatusException refused(HttpStatus status, Throwable cause) {
		return new ResponseStatusException(status, null, cause) {

			@Override
			public HttpHeaders getHeaders() {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.CONNECTION, "close");
				return headers;
			}
		};
	}

}
