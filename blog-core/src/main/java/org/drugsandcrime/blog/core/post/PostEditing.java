package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.drugsandcrime.blog.core.render.RenderedBody;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.core.taxonomy.Category;
import org.drugsandcrime.blog.core.taxonomy.Tag;
import org.drugsandcrime.blog.core.taxonomy.Taxonomy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Saves what staff wrote: renders the body once (HTML, text, excerpt, reading time), keeps slugs unique,
 * keeps the previous text as a revision, and leaves a 301 behind when a live post's slug changes.
 */
@Service
public class PostEditing {

	public static final int MAX_TITLE_LENGTH = 300;

	private final PostRepository posts;

	private final Taxonomy taxonomy;

	private final BodyRenderer renderer;

	private final Redirects redirects;

	private final ContentChanges changes;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	PostEditing(PostRepository posts, Taxonomy taxonomy, BodyRenderer renderer, Redirects redirects,
			ContentChanges changes, DatabaseClient database, TransactionalOperator transaction, Clock clock) {
		this.posts = posts;
		this.taxonomy = taxonomy;
		this.renderer = renderer;
		this.redirects = redirects;
		this.changes = changes;
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Saves a draft or an edit of a post in any state; its publishing state stays as it was. */
	public Mono<Post> save(PostDraft draft, Long editorId) {
		return save(draft, editorId, true);
	}

	/**
	 * Saves as {@link #save(PostDraft, Long)} does; without {@code mayCreateTerms} (authors), a category, tag or
	 * series that does not exist yet is refused with a message naming it, and nothing is saved.
	 */
	public Mono<Post> save(PostDraft draft, Long editorId, boolean mayCreateTerms) {
		if (!mayCreateTerms) {
			return Flux.concat(unknown(Taxonomy.Kind.CATEGORY, draft.categories()), unknown(Taxonomy.Kind.TAG, draft.tags()),
					unknown(Taxonomy.Kind.SERIES, draft.series() == null ? List.of() : List.of(draft.series())))
				.collectList()
				.flatMap(unknown -> unknown.isEmpty() ? checkedSave(draft, editorId)
						: Mono.error(new InvalidPostException(String.join(" ", unknown)
								+ " Pick from the suggestions; only an editor can create new ones.")));
		}
		return checkedSave(draft, editorId);
	}

	private Flux<String> unknown(Taxonomy.Kind kind, List<String> names) {
		return taxonomy.unknown(kind, names).map(name -> "“" + name + "” is not a " + kind.word() + " yet.");
	}

	private Mono<Post> checkedSave(PostDraft draft, Long editorId) {
		String title = draft.title() == null ? "" : draft.title().strip();
		if (title.isEmpty()) {
			return Mono.error(new InvalidPostException("A post needs a title."));
		}
		if (title.length() > MAX_TITLE_LENGTH) {
			return Mono.error(new InvalidPostException("Titles are at most " + MAX_TITLE_LENGTH + " characters."));
		}
		if (draft.slug() != null && !draft.slug().isBlank() && Slugs.fromTitle(draft.slug(), "").isEmpty()) {
			return Mono.error(new InvalidPostException("The slug needs at least one letter or digit."));
		}
		Instant now = clock.instant();
		Mono<Post> existing = draft.id() == null ? Mono.fromSupplier(() -> newPost(now))
				: posts.findById(draft.id()).switchIfEmpty(Mono.error(new PostNotFoundException(draft.id())));
		return existing.flatMap(post -> apply(post, draft, title, editorId, now))
			.as(transaction::transactional);
	}

	private Mono<Post> apply(Post post, PostDraft draft, String title, Long editorId, Instant now) {
		boolean isNew = post.getId() == null;
		boolean contentChanged = !isNew && (!Objects.equals(post.getTitle(), title)
				|| !Objects.equals(post.getBodyMarkdown(), nullToEmpty(draft.bodyMarkdown()))
				|| !Objects.equals(post.isCustomExcerpt() ? post.getExcerpt() : "", nullToEmpty(draft.excerpt()).strip()));
		Mono<Void> revision = contentChanged ? keepRevision(post, editorId, now) : Mono.empty();
		String previousSlug = post.getSlug();
		String previousTitle = post.getTitle();
		boolean wasVisible = post.isVisibleAt(now);

		RenderedBody body = renderer.render(draft.bodyMarkdown(), draft.excerpt());
		post.setTitle(title);
		post.setBodyMarkdown(nullToEmpty(draft.bodyMarkdown()));
		post.setBodyHtml(body.html());
		post.setBodyText(body.text());
		post.setExcerpt(body.excerpt());
		post.setCustomExcerpt(draft.excerpt() != null && !draft.excerpt().isBlank());
		post.setReadingMinutes(body.readingMinutes());
		post.setFeatured(draft.featured());
		post.setCoverImage(blankToNull(draft.coverImage()));
		post.setSeoDescription(blankToNull(draft.seoDescription()));
		post.setAuthorId(draft.authorId());
		post.setSeriesPosition(draft.seriesPosition());
		post.setTagNames(String.join(" ", draft.tags()));
		post.setUpdatedAt(now);

		// Until a post first goes out, a slug that was made from its title follows the title (an autosaved draft is
		// created while its title is still being typed); a slug staff chose, or one readers have seen, stays.
		boolean chosen = draft.slug() != null && !draft.slug().isBlank();
		boolean followsTitle = previousSlug == null ? !chosen
				: post.getPublishedAt() == null && madeFrom(previousSlug, previousTitle)
						&& (!chosen || draft.slug().strip().equals(previousSlug));
		String wantedSlug = followsTitle ? Slugs.fromTitle(title, "post")
				: chosen ? Slugs.fromTitle(draft.slug(), "post") : previousSlug;

		return revision.then(taxonomy.seriesNamed(draft.series()).map(series -> series.id()).defaultIfEmpty(-1L))
			.flatMap(seriesId -> {
				post.setSeriesId(seriesId < 0 ? null : seriesId);
				if (post.getSeriesId() == null) {
					post.setSeriesPosition(null);
				}
				return uniqueSlug(wantedSlug, post.getId());
			})
			.flatMap(slug -> {
				post.setSlug(slug);
				return posts.save(post);
			})
			.flatMap(saved -> replaceCategories(saved.getId(), draft.categories())
				.then(replaceTags(saved.getId(), draft.tags()))
				.then(wasVisible && !saved.getSlug().equals(previousSlug)
						? redirects.record("/posts/" + previousSlug, "/posts/" + saved.getSlug()) : Mono.empty())
				.then(changes.announce(new ContentChange("post", saved.getId())))
				.thenReturn(saved));
	}

	/** Whether a slug is the one the title gives, as it is or numbered to be unique ("title-2"). */
	private static boolean madeFrom(String slug, String title) {
		String fromTitle = Slugs.fromTitle(title == null ? "" : title, "post");
		return slug.equals(fromTitle) || slug.startsWith(fromTitle + "-") && slug.substring(fromTitle.length() + 1).matches("[0-9]{1,6}");
	}

	private Post newPost(Instant now) {
		Post post = new Post();
		post.setGuid("urn:uuid:" + randomUuid());
		post.setCreatedAt(now);
		post.setStatus(PostStatus.DRAFT);
		return post;
	}

	/**
	 * A version 4 UUID from ThreadLocalRandom: a guid must be unique, not secret, and SecureRandom (behind
	 * UUID.randomUUID) may read /dev/urandom on the event loop.
	 */
	private static UUID randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

	private Mono<Void> keepRevision(Post post, Long editorId, Instant now) {
		DatabaseClient.GenericExecuteSpec insert = database
			.sql("INSERT INTO post_revisions (post_id, title, excerpt, body_markdown, created_at, created_by) "
					+ "VALUES (:post, :title, :excerpt, :body, :at, :by)")
			.bind("post", post.getId())
			.bind("title", post.getTitle())
			.bind("excerpt", post.isCustomExcerpt() ? post.getExcerpt() : "")
			.bind("body", post.getBodyMarkdown())
			.bind("at", now);
		insert = editorId == null ? insert.bindNull("by", Long.class) : insert.bind("by", editorId);
		return insert.fetch().rowsUpdated().then();
	}

	/** The slug itself when free, else the first free "slug-2", "slug-3", … */
	Mono<String> uniqueSlug(String slug, Long ownId) {
		return database.sql("SELECT slug FROM posts WHERE (slug = :slug OR slug LIKE :prefix) AND id <> :id")
			.bind("slug", slug)
			.bind("prefix", slug + "-%")
			.bind("id", ownId == null ? -1L : ownId)
			.map((row, meta) -> row.get("slug", String.class))
			.all()
			.collect(HashSet<String>::new, Set::add)
			.map(taken -> {
				if (!taken.contains(slug)) {
					return slug;
				}
				int suffix = 2;
				while (taken.contains(slug + "-" + suffix)) {
					suffix++;
				}
				return slug + "-" + suffix;
			});
	}

	private Mono<Void> replaceCategories(long postId, List<String> names) {
		Flux<Category> categories = taxonomy.categoriesNamed(names);
		return database.sql("DELETE FROM post_categories WHERE post_id = :post")
			.bind("post", postId)
			.fetch()
			.rowsUpdated()
			.thenMany(categories.concatMap(category -> database
				.sql("INSERT INTO post_categories (post_id, category_id) VALUES (:post, :category) ON CONFLICT DO NOTHING")
				.bind("post", postId)
				.bind("category", category.id())
				.fetch()
				.rowsUpdated()))
			.then();
	}

	private Mono<Void> replaceTags(long postId, List<String> names) {
		Flux<Tag> tags = taxonomy.tagsNamed(names);
		return database.sql("DELETE FROM post_tags WHERE post_id = :post")
			.bind("post", postId)
			.fetch()
			.rowsUpdated()
			.thenMany(tags.concatMap(tag -> database
				.sql("INSERT INTO post_tags (post_id, tag_id) VALUES (:post, :tag) ON CONFLICT DO NOTHING")
				.bind("post", postId)
				.bind("tag", tag.id())
				.fetch()
				.rowsUpdated()))
			.then();
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
