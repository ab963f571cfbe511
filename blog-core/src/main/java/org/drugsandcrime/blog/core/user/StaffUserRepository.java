package org.drugsandcrime.blog.core.user;

import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface StaffUserRepository extends ReactiveCrudRepository<StaffUser, Long> {

	@Query("SELECT * FROM users WHERE lower(email) = lower(:email)")
	Mono<StaffUser> findByEmail(String email);

	Mono<StaffUser> findBySlug(String slug);

	@Query("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'ADMIN')")
	Mono<Boolean> anyAdmin();
}
