package org.drugsandcrime.blog.core.page;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A standalone page (About, Contact): outside the post stream, no categories, no feed. */
@Table("pages")
public record Page(@Id Long id, String slug, String title, String bodyMarkdown, String bodyHtml, PageStatus status,
		String seoDescription, Integer navPosition, Long authorId, Instant createdAt, Instant updatedAt) {
}
