package org.drugsandcrime.blog.core.taxonomy;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("categories")
public record Category(@Id Long id, String slug, String name, String description) {
}
