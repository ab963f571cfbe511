package org.drugsandcrime.blog.core.settings;

import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.time.InvalidTimeException;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.drugsandcrime.blog.core.time.SiteTimeProperties;
import org.springframework.stereotype.Service;

/** The settings and menu every public page shows, read together. */
@Service
public class Site {

	private final SiteSettingsRepository settings;

	private final NavigationItemRepository navigation;

	private final SiteTimeProperties time;

	Site(SiteSettingsRepository settings, NavigationItemRepository navigation, SiteTimeProperties time) {
		this.settings = settings;
		this.navigation = navigation;
		this.time = time;
	}

	/** The site's time zone as staff chose it, else as the process was started with ({@code BLOG_TIME_ZONE}). */
	public SiteTime timeOf(SiteSettings current) {
		if (current != null && current.timeZone() != null && !current.timeZone().isBlank()) {
			try {
				return SiteTime.of(current.timeZone());
			}
			catch (InvalidTimeException ex) {
				// Only a zone this Java no longer knows (a renamed region) gets here: the configured one serves.
			}
		}
		return time.siteTime();
	}

	/** How times are read and written for people: the site's zone, in words. */
	public Mono<SiteTime> time() {
		return settings().map(this::timeOf).defaultIfEmpty(time.siteTime());
	}

	public Mono<SiteSettings> settings() {
		return settings.findById(1);
	}

	public Mono<List<NavigationItem>> navigation() {
		return navigation.findAllInOrder().collectList();
	}
}
