package org.drugsandcrime.blog.core.post;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/** Earlier versions of a post's text, newest first; restoring one is an edit like any other. */
@Service
public class PostRevisions {

	private final DatabaseClient database;

	private final PostRepository posts;

	private final PostEditing editing;

	PostRevisions(DatabaseClient database, PostRepository posts, PostEditing editing) {
		this.database = database;
		this.posts = posts;
		this.editing = editing;
	}

	public Flux<Revision> of(long postId) {
		return database
			.sql("SELECT r.id, r.post_id, r.title, r.excerpt, r.body_markdown, r.created_at, u.display_name "
					+ "FROM post_revisions r LEFT JOIN users u ON u.id = r.created_by "
					+ "WHERE r.post_id = :post ORDER BY r.created_at DESC, r.id DESC")
			.bind("post", postId)
			.map((row, meta) -> new Revision(row.get("id", Long.class), row.get("post_id", Long.class),
					row.get("title", String.class), row.get("excerpt", String.class),
					row.get("body_markdown", String.class), row.get("created_at", Instant.class),
					row.get("display_name", String.class)))
			.all();
	}

	/**
	 * Puts a revision's text back; the text it replaces becomes a revision itself. An edit like any other, so an
	 * author's restoring on a live post waits for an editor too.
	 */
	public Mono<PostEditing.Edit> restore(long postId, long revisionId, Long editorId) {
		Mono<Revision> revision = of(postId).filter(candidate -> candidate.id() == revisionId)
			.next()
			.switchIfEmpty(Mono.error(new PostNotFoundException("revision " + revisionId)));
		Mono<Post> post = posts.findById(postId).switchIfEmpty(Mono.error(new PostNotFoundException(postId)));
		return Mono
			.zip(revision, post, posts.categoryNamesOf(postId).collectList(), posts.tagNamesOf(postId).collectList(),
					posts.seriesNameOf(postId).defaultIfEmpty(""))
			.flatMap(parts -> {
				Revision old = parts.getT1();
				Post current = parts.getT2();
				return editing.edit(new PostDraft(postId, old.title(), current.getSlug(), old.bodyMarkdown(), old.excerpt(),
						parts.getT3(), parts.getT4(), parts.getT5(), current.getSeriesPosition(), current.isFeatured(),
						current.getCoverImage(), current.getSeoDescription(), current.getAuthorId()), editorId);
			});
	}

	public record Revision(long id, long postId, String title, String excerpt, String bodyMarkdown, Instant createdAt,
			String authorName) {
	}
}
