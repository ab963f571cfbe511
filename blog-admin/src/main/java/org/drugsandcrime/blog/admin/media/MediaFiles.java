package org.drugsandcrime.blog.admin.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.media.MediaProperties;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The uploaded images themselves, served by the portal too, so the editor's live preview and "Save and preview"
 * show them whether or not the public site is reachable from the browser (it often is not, on another host or
 * port). Only image files inside the media directory are served, named by a strict pattern (no {@code ..}, no
 * hidden files such as half-written uploads) and checked again after symbolic links are followed. The file is
 * looked up and read on a thread that may block, never on the event loop. The type comes from the name the
 * library gave the file (it sniffed the bytes when it stored them), with nosniff, and a sandboxing policy in case
 * one is opened on its own (the demo images are SVG).
 */
@Controller
class MediaFiles {

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}");

	private static final Map<String, MediaType> TYPES = Map.of("png", MediaType.IMAGE_PNG, "jpg", MediaType.IMAGE_JPEG,
			"jpeg", MediaType.IMAGE_JPEG, "gif", MediaType.IMAGE_GIF, "webp", MediaType.parseMediaType("image/webp"),
			"svg", MediaType.parseMediaType("image/svg+xml"));

	private static final int CHUNK = 64 * 1024;

	private final Path directory;

	MediaFiles(MediaProperties properties) {
		this.directory = properties.dir();
	}

	@GetMapping("/media/{*path}")
	Mono<Void> file(@PathVariable String path, ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		Optional<MediaType> type = typeOf(path);
		if (type.isEmpty()) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return response.setComplete();
		}
		return Mono.fromCallable(() -> find(path)).subscribeOn(Schedulers.boundedElastic()).flatMap(found -> {
			if (found.isEmpty()) {
				response.setStatusCode(HttpStatus.NOT_FOUND);
				return response.setComplete();
			}
			Found file = found.get();
			HttpHeaders headers = response.getHeaders();
			headers.setCacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePrivate());
			if (exchange.checkNotModified(file.modified())) {
				return response.setComplete();
			}
			headers.setContentType(type.get());
			headers.setContentLength(file.size());
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
			headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline");
			return response.writeWith(DataBufferUtils.read(file.path(), DefaultDataBufferFactory.sharedInstance, CHUNK)
				.subscribeOn(Schedulers.boundedElastic()));
		});
	}

	/** The type a well-formed name stands for, or empty for any other name (decided before touching the disk). */
	static Optional<MediaType> typeOf(String path) {
		String relative = path.startsWith("/") ? path.substring(1) : path;
		String[] segments = relative.split("/", -1);
		if (relative.isEmpty() || segments.length > 4) {
			return Optional.empty();
		}
		for (String segment : segments) {
			if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
				return Optional.empty();
			}
		}
		String last = segments[segments.length - 1];
		int dot = last.lastIndexOf('.');
		return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT)));
	}

	/** A regular file that is really inside the media directory (after links are followed), else empty. */
	private Optional<Found> find(String path) throws IOException {
		String relative = path.startsWith("/") ? path.substring(1) : path;
		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		Path root = directory.toRealPath();
		Path candidate = root.resolve(relative).normalize();
		if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
			return Optional.empty();
		}
		Path real = candidate.toRealPath();
		if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		return Optional.of(new Found(real, Files.size(real), Files.getLastModifiedTime(real).toInstant()));
	}

	private record Found(Path path, long size, Instant modified) {
	}
}
