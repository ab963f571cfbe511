package org.drugsandcrime.blog.core.settings;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** The settings and menu every public page shows, read together. */
@Service
public class Site {

	private final SiteSettingsRepository settings;

	private final NavigationItemRepository navigation;

	Site(SiteSettingsRepository settings, NavigationItemRepository navigation) {
		this.settings = settings;
		this.navigation = navigation;
	}

	public Mono<SiteSettings> settings() {
		return settings.findById(1);
	}

	public Mono<List<NavigationItem>> navigation() {
		return navigation.findAllInOrder().collectList();
	}
}
