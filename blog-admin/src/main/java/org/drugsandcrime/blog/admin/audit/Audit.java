package org.drugsandcrime.blog.admin.audit;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.springframework.stereotype.Component;

/** Writes what a member of staff just did to the audit log, in the portal's words ("post.publish", "comment.approve"). */
@Component
public class Audit {

	private final AuditLog log;

	Audit(AuditLog log) {
		this.log = log;
	}

	public Mono<Void> record(Staff staff, String action, String itemType, Object itemId, String detail) {
		return log.record(staff.id(), staff.email(), action, itemType, itemId, detail).then();
	}
}
