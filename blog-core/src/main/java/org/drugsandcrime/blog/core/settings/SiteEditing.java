package org.drugsandcrime.blog.core.settings;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.time.InvalidTimeException;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Staff's changes to the site's own words, its reading settings and the header menu; every public page shows them. */
@Service
public class SiteEditing {

	public static final int MAX_TEXT_LENGTH = 2000;

	private final SiteSettingsRepository settings;

	private final NavigationItemRepository navigation;

	private final ContentChanges changes;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	SiteEditing(SiteSettingsRepository settings, NavigationItemRepository navigation, ContentChanges changes,
			DatabaseClient database, TransactionalOperator transaction, Clock clock) {
		this.settings = settings;
		this.navigation = navigation;
		this.changes = changes;
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Saves the settings screen. {@code timeZone} is a region id such as Europe/London ({@link SiteTime#zone});
	 * null (a form without the field) keeps the zone as it is.
	 */
	public Mono<SiteSettings> save(String title, String tagline, String description, String contactEmail,
			String contactDetails, int postsPerPage, String timeZone) {
		String zone;
		try {
			zone = timeZone == null ? null : SiteTime.zone(timeZone).getId();
		}
		catch (InvalidTimeException ex) {
			return Mono.error(ex);
		}
		String cleanTitle = title == null ? "" : title.strip();
		if (cleanTitle.isEmpty()) {
			return Mono.error(new InvalidPostException("The site needs a title."));
		}
		if (postsPerPage < 1 || postsPerPage > 100) {
			return Mono.error(new InvalidPostException("Posts per page must be between 1 and 100."));
		}
		String email = clean(contactEmail);
		if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
			return Mono.error(new InvalidPostException("The contact email does not look like an email address."));
		}
		for (String text : new String[] { cleanTitle, tagline, description, contactDetails }) {
			if (text != null && text.length() > MAX_TEXT_LENGTH) {
				return Mono.error(new InvalidPostException("Each setting is at most " + MAX_TEXT_LENGTH + " characters."));
			}
		}
		Mono<String> keptZone = zone != null ? Mono.just(zone)
				: settings.findById(1).mapNotNull(SiteSettings::timeZone);
		return keptZone.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap(chosen -> settings.save(new SiteSettings(1, cleanTitle, clean(tagline), clean(description), email,
					clean(contactDetails), postsPerPage, clock.instant(), chosen.orElse(null))))
			.flatMap(saved -> changes.announce(new ContentChange("settings", 1)).thenReturn(saved));
	}

	/** Adds a menu entry at the end. Links are site paths ("/pages/about") or http(s) addresses. */
	public Mono<NavigationItem> addItem(String label, String url) {
		String cleanLabel = clean(label);
		String cleanUrl = clean(url);
		if (cleanLabel.isEmpty() || cleanLabel.length() > 100) {
			return Mono.error(new InvalidPostException("A menu entry needs a label of at most 100 characters."));
		}
		if (!(cleanUrl.startsWith("/") && !cleanUrl.startsWith("//") || cleanUrl.matches("(?i)https?://\\S+"))
				|| cleanUrl.length() > 500 || cleanUrl.matches(".*\\s.*")) {
			return Mono.error(new InvalidPostException(
					"A menu link is a path on the site (starting with /) or an http(s):// address."));
		}
		return database.sql("SELECT coalesce(max(position), 0) + 1 AS next FROM navigation_items")
			.map((row, meta) -> row.get("next", Integer.class))
			.one()
			.flatMap(position -> navigation.save(new NavigationItem(null, cleanLabel, cleanUrl, position)))
			.flatMap(saved -> changes.announce(new ContentChange("settings", 1)).thenReturn(saved));
	}

	/** Swaps an entry with its neighbour above ({@code up}) or below. */
	public Mono<Void> move(long id, boolean up) {
		return navigation.findAllInOrder().collectList().flatMap(items -> {
			int index = -1;
			for (int i = 0; i < items.size(); i++) {
				if (items.get(i).id() == id) {
					index = i;
				}
			}
			int other = up ? index - 1 : index + 1;
			if (index < 0 || other < 0 || other >= items.size()) {
				return Mono.empty();
			}
			NavigationItem a = items.get(index);
			NavigationItem b = items.get(other);
			int aPosition = a.position() == b.position() ? (up ? b.position() - 1 : b.position() + 1) : b.position();
			return navigation.save(new NavigationItem(a.id(), a.label(), a.url(), aPosition))
				.then(navigation.save(new NavigationItem(b.id(), b.label(), b.url(), a.position())))
				.then(changes.announce(new ContentChange("settings", 1)));
		}).as(transaction::transactional);
	}

	public Mono<Boolean> removeItem(long id) {
		return database.sql("DELETE FROM navigation_items WHERE id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.flatMap(n -> changes.announce(new ContentChange("settings", 1)).thenReturn(n > 0));
	}

	private static String clean(String text) {
		return text == null ? "" : text.strip();
	}
}
