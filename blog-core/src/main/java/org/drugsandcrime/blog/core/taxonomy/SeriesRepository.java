package org.drugsandcrime.blog.core.taxonomy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface SeriesRepository extends ReactiveCrudRepository<Series, Long> {

	Mono<Series> findBySlug(String slug);

	@Query("SELECT * FROM series ORDER BY name")
	Flux<Series> findAllByName();
}
