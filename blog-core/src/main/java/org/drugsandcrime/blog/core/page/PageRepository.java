package org.drugsandcrime.blog.core.page;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface PageRepository extends ReactiveCrudRepository<Page, Long> {

	@Query("SELECT * FROM pages WHERE slug = :slug AND status = 'PUBLISHED'")
	Mono<Page> findPublishedBySlug(String slug);

	Mono<Page> findBySlug(String slug);

	/** Every page outside the trash, in menu order. */
	@Query("SELECT * FROM pages WHERE trashed_at IS NULL ORDER BY nav_position NULLS LAST, title")
	Flux<Page> findAllInOrder();
}
