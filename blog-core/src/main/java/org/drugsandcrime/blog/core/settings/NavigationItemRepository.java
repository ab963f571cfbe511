package org.drugsandcrime.blog.core.settings;

import reactor.core.publisher.Flux;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface NavigationItemRepository extends ReactiveCrudRepository<NavigationItem, Long> {

	@Query("SELECT * FROM navigation_items ORDER BY position, id")
	Flux<NavigationItem> findAllInOrder();
}
