package org.drugsandcrime.blog.core.subscription;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A reader who asked for every post by email; only CONFIRMED ones are sent anything but the confirmation. */
@Table("subscribers")
public record Subscriber(@Id Long id, String email, SubscriberStatus status, Instant createdAt, Instant confirmedAt,
		Instant unsubscribedAt) {
}
