package org.drugsandcrime.blog.admin.taxonomy;

import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing.Kind;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/** Categories, tags and series: create, rename, merge, delete (a category in use moves its posts first). */
@Controller
class TaxonomyController {

	private final TaxonomyEditing taxonomy;

	private final Audit audit;

	TaxonomyController(TaxonomyEditing taxonomy, Audit audit) {
		this.taxonomy = taxonomy;
		this.audit = audit;
	}

	@GetMapping("/taxonomy/{kind}")
	Mono<String> list(Staff staff, @PathVariable String kind, ServerWebExchange exchange, Model model) {
		staff.requireEditor();
		return page(kind(kind), model, Notice.after(exchange, TaxonomyOutcome.class));
	}

	@PostMapping("/taxonomy/{kind}")
	Mono<String> create(Staff staff, @PathVariable String kind, @ModelAttribute TermForm form, Model model,
			ServerWebExchange exchange) {
		staff.requireEditor();
		Kind chosen = kind(kind);
		return Mono.defer(() -> taxonomy.create(chosen, form.name()))
			.flatMap(term -> audit.record(staff, chosen.singular() + ".create", chosen.singular(), term.id(), term.name()))
			.thenReturn(TaxonomyOutcome.CREATED.redirectTo("/taxonomy/" + kind))
			.onErrorResume(InvalidPostException.class, ex -> refused(chosen, model, exchange, ex));
	}

	@PostMapping("/taxonomy/{kind}/{id}/rename")
	Mono<String> rename(Staff staff, @PathVariable String kind, @PathVariable long id,
			@ModelAttribute TermForm form, Model model, ServerWebExchange exchange) {
		staff.requireEditor();
		Kind chosen = kind(kind);
		return Mono.defer(() -> taxonomy.rename(chosen, id, form.name()))
			.flatMap(term -> audit.record(staff, chosen.singular() + ".rename", chosen.singular(), id, term.name()))
			.thenReturn(TaxonomyOutcome.RENAMED.redirectTo("/taxonomy/" + kind))
			.onErrorResume(InvalidPostException.class, ex -> refused(chosen, model, exchange, ex));
	}

	@PostMapping("/taxonomy/{kind}/{id}/merge")
	Mono<String> merge(Staff staff, @PathVariable String kind, @PathVariable long id, @ModelAttribute TermForm form, Model model,
			ServerWebExchange exchange) {
		staff.requireEditor();
		Kind chosen = kind(kind);
		long into = TermForm.id(form.into());
		return taxonomy.merge(chosen, id, into)
			.flatMap(term -> audit.record(staff, chosen.singular() + ".merge", chosen.singular(), id, "into " + into))
			.thenReturn(TaxonomyOutcome.MERGED.redirectTo("/taxonomy/" + kind))
			.onErrorResume(InvalidPostException.class, ex -> refused(chosen, model, exchange, ex));
	}

	@PostMapping("/taxonomy/{kind}/{id}/delete")
	Mono<String> delete(Staff staff, @PathVariable String kind, @PathVariable long id,
			@ModelAttribute TermForm form, Model model, ServerWebExchange exchange) {
		Long reassignTo = form.reassignTo() == null || form.reassignTo().isBlank() ? null : TermForm.id(form.reassignTo());
		staff.requireEditor();
		Kind chosen = kind(kind);
		return taxonomy.delete(chosen, id, reassignTo)
			.then(audit.record(staff, chosen.singular() + ".delete", chosen.singular(), id,
					reassignTo == null ? "" : "posts moved to " + reassignTo))
			.thenReturn(TaxonomyOutcome.DELETED.redirectTo("/taxonomy/" + kind))
			.onErrorResume(InvalidPostException.class, ex -> refused(chosen, model, exchange, ex));
	}

	private Mono<String> refused(Kind kind, Model model, ServerWebExchange exchange, InvalidPostException ex) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		return page(kind, model, Notice.error(ex.getMessage()));
	}

	private Mono<String> page(Kind kind, Model model, Notice notice) {
		return taxonomy.list(kind).collectList().map(terms -> {
			model.addAttribute("taxonomy", new TaxonomyView(kind.path(), kind.singular(), title(kind), kind == Kind.CATEGORY,
					terms));
			model.addAttribute(Notice.ATTRIBUTE, notice);
			return "taxonomy";
		});
	}

	private static Kind kind(String path) {
		return switch (path) {
			case "category" -> Kind.CATEGORY;
			case "tag" -> Kind.TAG;
			case "series" -> Kind.SERIES;
			default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		};
	}

	private static String title(Kind kind) {
		return switch (kind) {
			case CATEGORY -> "Categories";
			case TAG -> "Tags";
			case SERIES -> "Series";
		};
	}

	/** The fields of the taxonomy forms, as text: a malformed id is a 400, not a binding error page. */
	record TermForm(String name, String into, String reassignTo) {

		static long id(String value) {
			try {
				return Long.parseLong(value == null ? "" : value.strip());
			}
			catch (NumberFormatException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose one from the list.");
			}
		}
	}

	record TaxonomyView(String kind, String singular, String title, boolean reassignOnDelete,
			List<TaxonomyEditing.Term> terms) {
	}
}
