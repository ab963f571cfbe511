package org.drugsandcrime.blog.core.page;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.drugsandcrime.blog.core.render.Slugs;
import org.springframework.stereotype.Service;

/** Saves standalone pages, rendering their Markdown the same way as posts. */
@Service
public class PageEditing {

	private final PageRepository pages;

	private final BodyRenderer renderer;

	private final ContentChanges changes;

	private final Clock clock;

	PageEditing(PageRepository pages, BodyRenderer renderer, ContentChanges changes, Clock clock) {
		this.pages = pages;
		this.renderer = renderer;
		this.changes = changes;
		this.clock = clock;
	}

	public Mono<Page> save(Long id, String title, String slug, String markdown, PageStatus status,
			String seoDescription, Integer navPosition, Long authorId) {
		if (title == null || title.isBlank()) {
			return Mono.error(new InvalidPostException("A page needs a title."));
		}
		Instant now = clock.instant();
		String wantedSlug = Slugs.fromTitle(slug == null || slug.isBlank() ? title : slug, "page");
		String html = renderer.render(markdown, null).html();
		Mono<Page> existing = id == null ? Mono.just(new Page(null, null, null, null, null, null, null, null, authorId, now, now))
				: pages.findById(id);
		Mono<Page> taken = pages.findBySlug(wantedSlug).filter(other -> !other.id().equals(id));
		return taken.flatMap(other -> Mono.<Page>error(new InvalidPostException(
				"Another page already lives at /pages/" + wantedSlug + ": choose another slug.")))
			.switchIfEmpty(existing)
			.flatMap(page -> pages.save(new Page(page.id(), wantedSlug, title.strip(), markdown == null ? "" : markdown,
				html, status, seoDescription, navPosition, page.authorId() == null ? authorId : page.authorId(),
				page.createdAt(), now)))
			.flatMap(saved -> changes.announce(new ContentChange("page", saved.id())).thenReturn(saved));
	}

	/** Deletes a page; false when there was none. Menu entries pointing at it are the admin's to remove. */
	public Mono<Boolean> delete(long id) {
		return pages.findById(id)
			.flatMap(page -> pages.delete(page).then(changes.announce(new ContentChange("page", id))).thenReturn(true))
			.defaultIfEmpty(false);
	}
}
