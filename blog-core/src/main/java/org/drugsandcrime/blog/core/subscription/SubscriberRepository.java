package org.drugsandcrime.blog.core.subscription;

import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface SubscriberRepository extends ReactiveCrudRepository<Subscriber, Long> {

	@Query("SELECT * FROM subscribers WHERE lower(email) = lower(:email)")
	Mono<Subscriber> findByEmail(String email);

	@Query("SELECT count(*) FROM subscribers WHERE status = :status")
	Mono<Long> countByStatus(String status);
}
