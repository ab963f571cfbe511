package org.drugsandcrime.blog.core.comment;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface CommentRepository extends ReactiveCrudRepository<Comment, Long> {

	@Query("SELECT * FROM comments WHERE post_id = :postId AND status = 'APPROVED' ORDER BY created_at, id")
	Flux<Comment> findApprovedByPost(long postId);

	@Query("SELECT count(*) FROM comments WHERE status = :status")
	Mono<Long> countByStatus(String status);

	@Query("SELECT count(*) FROM comments WHERE client_address = :address AND created_at > :since")
	Mono<Long> countFromAddressSince(String address, Instant since);
}
