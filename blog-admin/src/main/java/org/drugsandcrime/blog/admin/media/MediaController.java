package org.drugsandcrime.blog.admin.media;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.PublicSite;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.media.ImageTooLargeException;
import org.drugsandcrime.blog.core.media.InvalidMediaException;
import org.drugsandcrime.blog.core.media.Media;
import org.drugsandcrime.blog.core.media.MediaLibrary;
import org.drugsandcrime.blog.core.media.MediaQuotaExceededException;
import org.drugsandcrime.blog.core.media.MediaRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The media library: every image uploaded, newest first, the upload form, and deletion of images no post or
 * page uses. The file is judged by its content in blog-core's {@link MediaLibrary}; a refusal comes back on
 * this page with the reason.
 */
@Controller
class MediaController {

	static final int SHOWN = 200;

	private final MediaLibrary library;

	private final MediaRepository media;

	private final Audit audit;

	private final PublicSite site;

	MediaController(MediaLibrary library, MediaRepository media, Audit audit, PublicSite site) {
		this.library = library;
		this.media = media;
		this.audit = audit;
		this.site = site;
	}

	@GetMapping("/media")
	Mono<String> library(Staff staff, ServerWebExchange exchange, Model model) {
		return page(staff, model, Notice.after(exchange, MediaOutcome.class));
	}

	@PostMapping("/media/{id}/delete")
	Mono<String> delete(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		return media.findById(id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.doOnNext(image -> staff.require(staff.mayDeleteMediaBy(image.uploadedBy())))
			.flatMap(library::delete)
			.flatMap(deleted -> audit.record(staff, "media.delete", "media", deleted.id(), deleted.fileName()))
			.thenReturn(MediaOutcome.DELETED.redirectTo("/media"))
			.onErrorResume(MediaLibrary.MediaInUseException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
				return page(staff, model, Notice.error(ex.getMessage()));
			});
	}

	@PostMapping("/media")
	Mono<String> upload(Staff staff, ServerWebExchange exchange, Model model) {
		return exchange.getMultipartData().flatMap(parts -> {
			Part file = parts.getFirst("file");
			if (!(file instanceof FilePart upload)) {
				return Mono.error(new InvalidMediaException("Choose an image file to upload."));
			}
			Part alt = parts.getFirst("alt");
			String altText = alt instanceof FormFieldPart field ? field.value() : "";
			return library.store(upload.filename(), upload.content(), staff.id(), altText);
		})
			.flatMap(stored -> audit.record(staff, "media.upload", "media", stored.id(), stored.fileName())
				// The new image's id stays in the address, so a script or test that uploaded it can find it.
				.thenReturn(MediaOutcome.UPLOADED.redirectTo("/media?uploaded=" + stored.id())))
			.onErrorResume(InvalidMediaException.class, ex -> {
				exchange.getResponse().setStatusCode(status(ex));
				return page(staff, model, Notice.error(ex.getMessage()));
			});
	}

	/**
	 * The editor's upload (button, drop or paste): the same checks as the library's form, answered in JSON so the
	 * page can insert the image where the writer was. A refusal is a 4xx with the reason for staff.
	 */
	@PostMapping(path = "/media/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Mono<ResponseEntity<Object>> uploadFromEditor(Staff staff, ServerWebExchange exchange) {
		return exchange.getMultipartData().flatMap(parts -> {
			Part file = parts.getFirst("file");
			if (!(file instanceof FilePart upload)) {
				return Mono.error(new InvalidMediaException("Choose an image file to upload."));
			}
			Part alt = parts.getFirst("alt");
			String altText = alt instanceof FormFieldPart field ? field.value() : "";
			return library.store(upload.filename(), upload.content(), staff.id(), altText);
		})
			.flatMap(stored -> audit.record(staff, "media.upload", "media", stored.id(), stored.fileName())
				.thenReturn(ResponseEntity.status(HttpStatus.CREATED)
					.<Object>body(new Uploaded(stored.id(), "/media/" + stored.fileName(), stored.altText(),
							stored.originalName(), stored.width(), stored.height()))))
			.onErrorResume(InvalidMediaException.class, ex -> Mono.just(ResponseEntity.status(status(ex))
				.body(new Refused(ex.getMessage()))));
	}

	/** Too many bytes or pixels, or a full quota, is too large (413); anything else is not an image we take (415). */
	private static HttpStatus status(InvalidMediaException refused) {
		return refused instanceof ImageTooLargeException || refused instanceof MediaQuotaExceededException
				? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
	}

	/** An image stored from the editor: the address to put in the Markdown and what it is. */
	record Uploaded(long id, String path, String alt, String name, Integer width, Integer height) {
	}

	record Refused(String error) {
	}

	private Mono<String> page(Staff staff, Model model, Notice notice) {
		return media.findNewestFirst().take(SHOWN).map(stored -> item(staff, stored)).collectList().map(items -> {
			model.addAttribute("library", new LibraryView(items, library.maxBytes() / (1024 * 1024)));
			model.addAttribute(Notice.ATTRIBUTE, notice);
			return "media";
		});
	}

	private MediaItem item(Staff staff, Media stored) {
		return new MediaItem(stored.id(), site.url("/media/" + stored.fileName()), "/media/" + stored.fileName(),
				stored.originalName(), stored.contentType(), stored.sizeBytes() / 1024, stored.width(), stored.height(),
				stored.altText(), staff.mayDeleteMediaBy(stored.uploadedBy()), stored.createdAt());
	}

	record MediaItem(long id, String url, String path, String originalName, String contentType, long kilobytes,
			Integer width, Integer height, String altText, boolean deletable, Instant uploadedAt) {
	}

	record LibraryView(List<MediaItem> items, long maxMegabytes) {
	}
}
