package org.drugsandcrime.blog.admin.wordpress;

import java.time.Clock;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.wordpress.export.WordPressExport;
import org.drugsandcrime.blog.wordpress.importing.ImportRun;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Moving in from WordPress and back out, for admins only: upload an export (WXR) and follow its import live, read
 * each import's report, and download the whole site as WXR. The import itself runs in blog-wordpress
 * ({@link WordPressImport}), in the background; the run's page reads its stored progress, so it can be followed from
 * any admin process.
 */
@Controller
class WordPressController {

	static final String SCREEN = "/wordpress";

	static final String IMPORTS = "/wordpress/imports";

	static final String EXPORT = "/wordpress/export";

	static final int RECENT = 20;

	static final MediaType XML = new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8);

	private final WordPressImport imports;

	private final ImportUploads uploads;

	private final WordPressExport export;

	private final ImportUploadProperties limits;

	private final Audit audit;

	private final Site site;

	private final Clock clock;

	WordPressController(WordPressImport imports, ImportUploads uploads, WordPressExport export,
			ImportUploadProperties limits, Audit audit, Site site, Clock clock) {
		this.imports = imports;
		this.uploads = uploads;
		this.export = export;
		this.limits = limits;
		this.audit = audit;
		this.site = site;
		this.clock = clock;
	}

	@GetMapping(SCREEN)
	Mono<String> screen(Staff staff, Model model) {
		staff.requireAdmin();
		return screen(model, null);
	}

	@PostMapping(IMPORTS)
	Mono<String> upload(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireAdmin();
		return exchange.getMultipartData()
			.flatMap(parts -> uploads.start(parts, staff))
			.flatMap(run -> audit.record(staff, "wordpress.import", "wordpress_import", run.id(), run.fileName())
				.thenReturn(ImportOutcome.STARTED.redirectTo(ImportRunView.href(run.id()))))
			.onErrorResume(RefusedUpload.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return screen(model, Notice.error(ex.getMessage()));
			});
	}

	@GetMapping(IMPORTS + "/{id}")
	Mono<String> run(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireAdmin();
		return found(id).map(run -> {
			model.addAttribute("run", ImportRunView.of(run));
			model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, ImportOutcome.class));
			return "wordpress-import";
		});
	}

	@GetMapping(path = IMPORTS + "/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Mono<ResponseEntity<ProgressView>> progress(Staff staff, @PathVariable long id) {
		staff.requireAdmin();
		return found(id).map(run -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ProgressView.of(run)));
	}

	/** The whole site as WXR, streamed as it is written; taking a copy of everything is written to the audit log. */
	@GetMapping(EXPORT)
	Mono<ResponseEntity<Flux<DataBuffer>>> export(Staff staff, ServerWebExchange exchange) {
		staff.requireAdmin();
		return site.time().flatMap(time -> {
			String name = "blog-wordpress-" + time.day(clock.instant()) + ".xml";
			return audit.record(staff, "wordpress.export", "site", null, name)
				.thenReturn(ResponseEntity.ok()
					.contentType(XML)
					.cacheControl(CacheControl.noStore())
					.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
					.body(export.export(exchange.getResponse().bufferFactory())));
		});
	}

	private Mono<ImportRun> found(long id) {
		return imports.find(id).switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	private Mono<String> screen(Model model, Notice notice) {
		return imports.recent().take(RECENT).map(ImportRunView.Row::of).collectList().map(recent -> {
			model.addAttribute("wordpress", new WordPressScreen(recent, limits.maxMegabytes(), IMPORTS, EXPORT));
			model.addAttribute(Notice.ATTRIBUTE, notice);
			return "wordpress";
		});
	}
}
