package org.drugsandcrime.blog.admin.layout;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the site's {@link SiteTime} in every page's model as {@code time}, so each screen writes a time as
 * {@code <time th:datetime="${time.iso(at)}" th:text="${time.words(at)}">}: in the site's zone, in words, the
 * exact instant kept in the attribute. It formats values the handler already read; it decides nothing.
 */
@ControllerAdvice
class SiteTimeAdvice {

	private final Site site;

	SiteTimeAdvice(Site site) {
		this.site = site;
	}

	@ModelAttribute("time")
	Mono<SiteTime> time() {
		return site.time();
	}
}
