package org.drugsandcrime.blog.core.audit;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Who did what, when, to which item. Written once, never changed. */
@Table("audit_log")
public record AuditEntry(@Id Long id, Instant at, Long userId, String userEmail, String action, String itemType,
		String itemId, String detail) {
}
