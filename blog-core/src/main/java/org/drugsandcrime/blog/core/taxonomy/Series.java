package org.drugsandcrime.blog.core.taxonomy;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Posts that run in order, such as "PbR video interviews". */
@Table("series")
public record Series(@Id Long id, String slug, String name, String description) {
}
