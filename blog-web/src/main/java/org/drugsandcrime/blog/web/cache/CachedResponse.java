package org.drugsandcrime.blog.web.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * A complete response as it left the app once: status, the headers worth replaying, the body bytes and,
 * once compressed (off the event loop, after the first replay asked for it), the same body gzipped.
 */
final class CachedResponse {

	/** Below this size gzip saves less than its header costs. */
	private static final int WORTH_COMPRESSING = 1024;

	private final HttpStatusCode status;

	private final HttpHeaders headers;

	private final byte[] body;

	private volatile byte[] gzipped;

	CachedResponse(HttpStatusCode status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	HttpStatusCode status() {
		return status;
	}

	HttpHeaders headers() {
		return headers;
	}

	byte[] body() {
		return body;
	}

	/** The gzipped body, or null while it is not (yet) available. */
	byte[] gzipped() {
		return gzipped;
	}

	boolean compressible() {
		MediaType type = headers.getContentType();
		return body.length >= WORTH_COMPRESSING && type != null && (type.getType().equals("text")
				|| type.getSubtype().endsWith("xml") || type.getSubtype().endsWith("json"));
	}

	/** Blocking work (CPU): call it on a worker thread. */
	void compress() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		gzipped = out.toByteArray();
	}

	int weight() {
		// Counted with room for the gzipped copy, which is usually a quarter of the body or less.
		return body.length + body.length / 3 + 512;
	}
}
