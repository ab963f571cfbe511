package org.drugsandcrime.blog.core.post;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface PostRepository extends ReactiveCrudRepository<Post, Long> {

	Mono<Post> findBySlug(String slug);

	@Query("SELECT EXISTS (SELECT 1 FROM posts)")
	Mono<Boolean> anyPost();

	@Query("SELECT c.name FROM post_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.post_id = :postId ORDER BY c.name")
	Flux<String> categoryNamesOf(long postId);

	@Query("SELECT s.name FROM posts p JOIN series s ON s.id = p.series_id WHERE p.id = :postId")
	Mono<String> seriesNameOf(long postId);

	@Query("SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = :postId ORDER BY t.name")
	Flux<String> tagNamesOf(long postId);
}
