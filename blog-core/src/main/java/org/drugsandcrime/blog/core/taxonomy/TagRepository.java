package org.drugsandcrime.blog.core.taxonomy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface TagRepository extends ReactiveCrudRepository<Tag, Long> {

	Mono<Tag> findBySlug(String slug);

	@Query("SELECT * FROM tags ORDER BY name")
	Flux<Tag> findAllByName();
}
