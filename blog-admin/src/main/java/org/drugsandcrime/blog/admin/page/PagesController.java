package org.drugsandcrime.blog.admin.page;

import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.PublicSite;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.page.Page;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageRepository;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.trash.Trash;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** Standalone pages (About, Contact): the same Markdown editor and preview as posts, no categories, no schedule. */
@Controller
class PagesController {

	private final PageRepository pages;

	private final PageEditing editing;

	private final Audit audit;

	private final PublicSite site;

	private final Trash trash;

	PagesController(PageRepository pages, PageEditing editing, Audit audit, PublicSite site, Trash trash) {
		this.trash = trash;
		this.pages = pages;
		this.editing = editing;
		this.audit = audit;
		this.site = site;
	}

	@GetMapping("/pages")
	Mono<String> list(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return Mono.zip(pages.findAllInOrder().collectList(), trash.pages()).map(all -> {
			model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, PagesOutcome.class));
			model.addAttribute("pages", all.getT1().stream()
				.map(page -> new PageRow(page.id(), page.title(), "/pages/" + page.slug(), page.status() == PageStatus.PUBLISHED))
				.toList());
			model.addAttribute("trash", all.getT2());
			return "pages";
		});
	}

	@GetMapping("/pages/new")
	String create(Staff staff, Model model) {
		staff.requireEditor();
		model.addAttribute("editor", new PageEditorView(null, "", "", "", "", "", false, null));
		return "page-editor";
	}

	@PostMapping("/pages")
	Mono<String> createSubmitted(Staff staff, @ModelAttribute PageForm form, Model model, ServerWebExchange exchange) {
		staff.requireEditor();
		return save(staff, null, form, model, exchange);
	}

	@GetMapping("/pages/{id}/edit")
	Mono<String> edit(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return found(id).map(page -> {
			model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, PageEditorOutcome.class));
			model.addAttribute("editor", new PageEditorView(page.id(), page.title(), page.slug(), page.bodyMarkdown(),
					page.seoDescription() == null ? "" : page.seoDescription(),
					page.navPosition() == null ? "" : page.navPosition().toString(), page.status() == PageStatus.PUBLISHED,
					site.url("/pages/" + page.slug())));
			return "page-editor";
		});
	}

	@PostMapping("/pages/{id}")
	Mono<String> update(Staff staff, @PathVariable long id, @ModelAttribute PageForm form, Model model,
			ServerWebExchange exchange) {
		staff.requireEditor();
		// A trashed page is a draft that remembers what it was: saving it (perhaps as published) would confuse the two.
		return found(id).flatMap(page -> inTrash(id)).flatMap(trashed -> trashed
				? Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "This page is in the trash: restore it to change it."))
				: save(staff, id, form, model, exchange));
	}

	@PostMapping("/pages/{id}/trash")
	Mono<String> trash(Staff staff, @PathVariable long id) {
		staff.requireEditor();
		return inTrash(id).flatMap(trashed -> trash.trashPage(id))
			.flatMap(moved -> moved ? audit.record(staff, "page.trash", "page", id, "") : Mono.empty())
			.thenReturn(PagesOutcome.TRASHED.redirectTo("/pages"));
	}

	@PostMapping("/pages/{id}/restore")
	Mono<String> restore(Staff staff, @PathVariable long id) {
		staff.requireEditor();
		return inTrash(id).flatMap(trashed -> trash.restorePage(id))
			.flatMap(restored -> restored ? audit.record(staff, "page.untrash", "page", id, "") : Mono.empty())
			.thenReturn(PagesOutcome.RESTORED.redirectTo("/pages"));
	}

	/** Only from the trash, so that nothing on the site is ever deleted by one press. */
	@PostMapping("/pages/{id}/delete")
	Mono<String> delete(Staff staff, @PathVariable long id) {
		staff.requireEditor();
		return inTrash(id).flatMap(trashed -> trashed ? trash.deletePage(id)
				: Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "Move the page to the trash first.")))
			.flatMap(deleted -> deleted ? audit.record(staff, "page.delete", "page", id, "") : Mono.empty())
			.thenReturn(PagesOutcome.DELETED.redirectTo("/pages"));
	}

	@PostMapping("/pages/trash/empty")
	Mono<String> empty(Staff staff) {
		staff.requireEditor();
		return trash.emptyPages()
			.concatMap(id -> audit.record(staff, "page.delete", "page", id, "emptied the trash").thenReturn(id))
			.count()
			.map(count -> PagesOutcome.EMPTIED.redirectTo("/pages", count));
	}

	/** Whether the page is in the trash; 404 when there is no such page. */
	private Mono<Boolean> inTrash(long id) {
		return trash.isPageTrashed(id).switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	private Mono<String> save(Staff staff, Long id, PageForm form, Model model, ServerWebExchange exchange) {
		return Mono.defer(() -> {
			form.check();
			return editing.save(id, form.title(), form.slug(), form.body(), form.status(), form.seo(),
				form.position(), staff.id());
		})
			.flatMap(saved -> audit.record(staff, id == null ? "page.create" : "page.save", "page", saved.id(),
					saved.title() + " (" + saved.status().name().toLowerCase() + ")").thenReturn(saved))
			.map(saved -> PageEditorOutcome.SAVED.redirectTo("/pages/" + saved.id() + "/edit"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				model.addAttribute("editor", new PageEditorView(id, text(form.title()), text(form.slug()), text(form.body()),
						text(form.seoDescription()), text(form.navPosition()), form.status() == PageStatus.PUBLISHED, null));
				model.addAttribute(Notice.ATTRIBUTE, Notice.error(ex.getMessage()));
				return Mono.just("page-editor");
			});
	}

	private Mono<Page> found(long id) {
		return pages.findById(id).switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

	record PageForm(String title, String slug, String body, String seoDescription, String navPosition, String action) {

		PageStatus status() {
			return "publish".equals(action) ? PageStatus.PUBLISHED : PageStatus.DRAFT;
		}

		String seo() {
			return seoDescription == null || seoDescription.isBlank() ? null : seoDescription.strip();
		}

		Integer position() {
			if (navPosition == null || navPosition.isBlank()) {
				return null;
			}
			try {
				return Integer.valueOf(navPosition.strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidPostException("The menu position is a whole number.");
			}
		}

		void check() {
			if (body != null && body.length() > 500_000) {
				throw new InvalidPostException("The body is longer than 500000 characters.");
			}
		}
	}

	record PageRow(long id, String title, String path, boolean published) {
	}

	record PageEditorView(Long id, String title, String slug, String body, String seoDescription, String navPosition,
			boolean published, String publicUrl) {

		public boolean isNew() {
			return id == null;
		}
	}
}
