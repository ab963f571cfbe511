package org.drugsandcrime.blog.web.page;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.page.PageRepository;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.web.site.PageMeta;
import org.drugsandcrime.blog.web.site.SiteHeader;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** Standalone pages (About, Contact, the interview series), outside the post stream. */
@Controller
class StandalonePageController {

	private final PageRepository pages;

	StandalonePageController(PageRepository pages) {
		this.pages = pages;
	}

	@GetMapping("/pages/{slug}")
	Mono<String> page(@PathVariable String slug, Model model) {
		if (!Slugs.isValid(slug)) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		SiteHeader site = SiteHeader.of(model);
		return pages.findPublishedBySlug(slug)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.map(page -> {
				model.addAttribute("page", new StandalonePage(page.title(), page.bodyHtml()));
				model.addAttribute(PageMeta.ATTRIBUTE, PageMeta.website(site, page.title() + " – " + site.title(),
						page.seoDescription(), "/pages/" + page.slug()));
				return "page";
			});
	}

	/** A page as readers see it; the body was sanitised when staff saved it. */
	record StandalonePage(String title, String bodyHtml) {
	}
}
