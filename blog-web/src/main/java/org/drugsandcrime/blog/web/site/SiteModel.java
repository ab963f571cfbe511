package org.drugsandcrime.blog.web.site;

import reactor.core.publisher.Mono;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/** Reads the site header once per page (settings and menu, two queries) before the page's handler runs. */
@ControllerAdvice
class SiteModel {

	private final SiteHeaders headers;

	SiteModel(SiteHeaders headers) {
		this.headers = headers;
	}

	@ModelAttribute
	Mono<Void> site(Model model) {
		return headers.load().doOnNext(header -> model.addAttribute(SiteHeader.ATTRIBUTE, header)).then();
	}

	/** For pages without their own {@link PageMeta}: the canonical URL is their path, without the query. */
	@ModelAttribute("requestPath")
	String requestPath(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().value();
	}
}
