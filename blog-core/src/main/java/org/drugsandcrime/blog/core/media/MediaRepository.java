package org.drugsandcrime.blog.core.media;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface MediaRepository extends ReactiveCrudRepository<Media, Long> {

	Mono<Media> findByFileName(String fileName);

	@Query("SELECT * FROM media ORDER BY created_at DESC, id DESC")
	Flux<Media> findNewestFirst();
}
