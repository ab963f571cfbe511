package org.drugsandcrime.blog.admin.wordpress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.webflux.autoconfigure.ReactiveMultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.MultiValueMap;

/**
 * Multipart forms are read with the media library's limit ({@code spring.webflux.multipart.*}), which stops an image
 * larger than that while it streams in. A WordPress export is far larger than any image, so the import's form, and
 * only it, is read with the import's limit: parts go to temporary files on disk (never into memory), each part and
 * the body as a whole are counted as they arrive, and going past the limit stops the upload with a
 * {@link DataBufferLimitException}, which {@link ImportUploadLimit} answers with a 413 page. The whole form is read
 * here, before the controller, because the CSRF check reads its token from it.
 */
@Configuration(proxyBeanMethods = false)
class ImportUploadReading {

	@Bean
	CodecCustomizer importUploadReader(ReactiveMultipartProperties multipart, ImportUploadProperties upload) {
		return configurer -> {
			if (configurer instanceof ServerCodecConfigurer server) {
				DefaultPartHttpMessageReader ordinary = parts(multipart, null);
				server.defaultCodecs().multipartReader(new ByPath(new MultipartHttpMessageReader(ordinary),
						new MultipartHttpMessageReader(parts(multipart, upload.maxBytes())), upload.maxBytes()));
				// Setting the multipart reader drops the plain part reader Spring would add beside it.
				server.customCodecs().register(ordinary);
			}
		};
	}

	/** A part reader as Spring Boot would make it from {@code spring.webflux.multipart.*}, or with another size limit. */
	private static DefaultPartHttpMessageReader parts(ReactiveMultipartProperties properties, Long maxBytesPerPart) {
		DefaultPartHttpMessageReader reader = new DefaultPartHttpMessageReader();
		if (properties.getMaxInMemorySize() != null) {
			reader.setMaxInMemorySize((int) properties.getMaxInMemorySize().toBytes());
		}
		if (properties.getMaxHeadersSize() != null) {
			reader.setMaxHeadersSize((int) properties.getMaxHeadersSize().toBytes());
		}
		if (maxBytesPerPart != null) {
			reader.setMaxDiskUsagePerPart(maxBytesPerPart);
		}
		else if (properties.getMaxDiskUsagePerPart() != null) {
			reader.setMaxDiskUsagePerPart(properties.getMaxDiskUsagePerPart().toBytes());
		}
		if (properties.getMaxParts() != null) {
			reader.setMaxParts(properties.getMaxParts());
		}
		if (properties.getFileStorageDirectory() != null) {
			try {
				reader.setFileStorageDirectory(Path.of(properties.getFileStorageDirectory()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (properties.getHeadersCharset() != null) {
			reader.setHeadersCharset(properties.getHeadersCharset());
		}
		return reader;
	}

	/** The import's reader for the import's address, the ordinary one for every other form. */
	static final class ByPath implements HttpMessageReader<MultiValueMap<String, Part>> {

		private final MultipartHttpMessageReader ordinary;

		private final MultipartHttpMessageReader imports;

		private final long maxBytes;

		ByPath(MultipartHttpMessageReader ordinary, MultipartHttpMessageReader imports, long maxBytes) {
			this.ordinary = ordinary;
			this.imports = imports;
			this.maxBytes = maxBytes;
		}

		@Override
		public List<MediaType> getReadableMediaTypes() {
			return ordinary.getReadableMediaTypes();
		}

		@Override
		public boolean canRead(ResolvableType elementType, MediaType mediaType) {
			return ordinary.canRead(elementType, mediaType);
		}

		@Override
		public Flux<MultiValueMap<String, Part>> read(ResolvableType elementType, ReactiveHttpInputMessage message,
				Map<String, Object> hints) {
			return isImport(message) ? imports.read(elementType, counted((ServerHttpRequest) message), hints)
					: ordinary.read(elementType, message, hints);
		}

		@Override
		public Mono<MultiValueMap<String, Part>> readMono(ResolvableType elementType, ReactiveHttpInputMessage message,
				Map<String, Object> hints) {
			return isImport(message) ? imports.readMono(elementType, counted((ServerHttpRequest) message), hints)
					: ordinary.readMono(elementType, message, hints);
		}

		private static boolean isImport(ReactiveHttpInputMessage message) {
			return message instanceof ServerHttpRequest request
					&& WordPressController.IMPORTS.equals(request.getPath().pathWithinApplication().value());
		}

		/** The body, stopped once it carries more than the limit in all: a chunked upload states no length first. */
		private ServerHttpRequest counted(ServerHttpRequest request) {
			AtomicLong received = new AtomicLong();
			return new ServerHttpRequestDecorator(request) {
				@Override
				public Flux<DataBuffer> getBody() {
					// Once stopped (here, or by the part reader's own limit), what is still on its way is let go quietly.
					AtomicBoolean stopped = new AtomicBoolean();
					return super.getBody().<DataBuffer>handle((buffer, sink) -> {
						if (stopped.get()) {
							DataBufferUtils.release(buffer);
						}
						else if (received.addAndGet(buffer.readableByteCount()) > maxBytes) {
							stopped.set(true);
							DataBufferUtils.release(buffer);
							sink.error(new DataBufferLimitException("The upload is larger than " + maxBytes + " bytes"));
						}
						else {
							sink.next(buffer);
						}
					}).doOnCancel(() -> stopped.set(true));
				}
			};
		}
	}
}
