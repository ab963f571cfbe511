package org.drugsandcrime.blog.core.settings;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The site's own words and the reading settings staff control; one row. {@code timeZone} is null until staff
 * choose one: {@link Site#time()} then uses the configured starting zone.
 */
@Table("site_settings")
public record SiteSettings(@Id Integer id, String title, String tagline, String description, String contactEmail,
		String contactDetails, int postsPerPage, Instant updatedAt, String timeZone) {
}
