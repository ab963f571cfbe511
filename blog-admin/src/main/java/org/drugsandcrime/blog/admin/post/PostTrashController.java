package org.drugsandcrime.blog.admin.post;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.trash.Trash;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Posts to the trash and back, and out of it for good. Editors trash, restore and delete any post and empty the
 * trash; authors trash their own drafts and restore what they trashed (their own drafts), and delete nothing.
 */
@Controller
class PostTrashController {

	static final String TRASH = "/posts?state=trash";

	private final Trash trash;

	private final Audit audit;

	PostTrashController(Trash trash, Audit audit) {
		this.trash = trash;
		this.audit = audit;
	}

	@PostMapping("/posts/{id}/trash")
	Mono<String> trash(Staff staff, @PathVariable long id) {
		return found(id).flatMap(post -> {
			staff.require(staff.isEditor() || (post.authorId() == staff.id() && post.status() == PostStatus.DRAFT));
			return trash.trashPost(id);
		})
			.flatMap(moved -> moved ? audit.record(staff, "post.trash", "post", id, "") : Mono.empty())
			.thenReturn(PostsOutcome.TRASHED.redirectTo("/posts"));
	}

	@PostMapping("/posts/{id}/restore")
	Mono<String> restore(Staff staff, @PathVariable long id) {
		return found(id).flatMap(post -> {
			staff.require(staff.isEditor() || (post.authorId() == staff.id() && post.trashedStatus() == PostStatus.DRAFT));
			return trash.restorePost(id);
		})
			.flatMap(restored -> restored ? audit.record(staff, "post.untrash", "post", id, "") : Mono.empty())
			.thenReturn(PostsOutcome.RESTORED.redirectTo(TRASH));
	}

	/** Only from the trash: a post outside it is refused, so nothing live is ever deleted by one press. */
	@PostMapping("/posts/{id}/delete")
	Mono<String> delete(Staff staff, @PathVariable long id) {
		staff.requireEditor();
		return found(id).flatMap(post -> {
			if (!post.trashed()) {
				return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "Move the post to the trash first."));
			}
			return trash.deletePost(id);
		})
			.flatMap(deleted -> deleted ? audit.record(staff, "post.delete", "post", id, "") : Mono.empty())
			.thenReturn(PostsOutcome.DELETED.redirectTo(TRASH));
	}

	@PostMapping("/posts/trash/empty")
	Mono<String> empty(Staff staff) {
		staff.requireEditor();
		return trash.emptyPosts()
			.concatMap(id -> audit.record(staff, "post.delete", "post", id, "emptied the trash").thenReturn(id))
			.count()
			.map(count -> PostsOutcome.EMPTIED.redirectTo(TRASH, count));
	}

	private Mono<Trash.PostState> found(long id) {
		return trash.post(id).switchIfEmpty(Mono.error(new PostNotFoundException(id)));
	}
}
