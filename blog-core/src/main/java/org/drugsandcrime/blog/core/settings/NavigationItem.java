package org.drugsandcrime.blog.core.settings;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An entry of the header menu: a page, a category or any URL, in the order staff chose. */
@Table("navigation_items")
public record NavigationItem(@Id Long id, String label, String url, int position) {
}
