package org.drugsandcrime.blog.core.taxonomy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface CategoryRepository extends ReactiveCrudRepository<Category, Long> {

	Mono<Category> findBySlug(String slug);

	@Query("SELECT * FROM categories ORDER BY name")
	Flux<Category> findAllByName();
}
