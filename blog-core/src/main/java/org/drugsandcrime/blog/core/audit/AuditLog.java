package org.drugsandcrime.blog.core.audit;

import java.time.Clock;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.relational.core.query.Query;
import org.springframework.stereotype.Service;

@Service
public class AuditLog {

	private final R2dbcEntityTemplate template;

	private final Clock clock;

	AuditLog(R2dbcEntityTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	public Mono<AuditEntry> record(Long userId, String userEmail, String action, String itemType, Object itemId,
			String detail) {
		return template.insert(new AuditEntry(null, clock.instant(), userId, userEmail, action, itemType,
				itemId == null ? null : itemId.toString(), detail == null ? "" : detail));
	}

	public Flux<AuditEntry> newest(int limit) {
		return template.select(AuditEntry.class)
			.matching(Query.empty().sort(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id"))).limit(limit))
			.all();
	}
}
