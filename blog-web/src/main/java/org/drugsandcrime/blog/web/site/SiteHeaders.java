package org.drugsandcrime.blog.web.site;

import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.settings.NavigationItem;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.settings.SiteSettings;
import org.springframework.stereotype.Component;

/** Builds the {@link SiteHeader} from the settings staff keep. */
@Component
public class SiteHeaders {

	private final Site site;

	private final PublicSiteProperties properties;

	SiteHeaders(Site site, PublicSiteProperties properties) {
		this.site = site;
		this.properties = properties;
	}

	public Mono<SiteHeader> load() {
		return Mono.zip(site.settings(), site.navigation()).map(both -> header(both.getT1(), both.getT2()));
	}

	private SiteHeader header(SiteSettings settings, List<NavigationItem> navigation) {
		return new SiteHeader(settings.title(), settings.tagline(), settings.description(), settings.contactEmail(),
				settings.contactDetails(),
				navigation.stream().map(item -> new SiteHeader.MenuLink(item.label(), item.url())).toList(),
				settings.postsPerPage(), properties.baseUrl(), site.timeOf(settings));
	}
}
