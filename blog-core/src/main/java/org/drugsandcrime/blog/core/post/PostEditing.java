package org.drugsandcrime.blog.core.post;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Saves what staff wrote: renders the body once (HTML, text, excerpt, reading time), keeps slugs unique,
 * keeps the previous text as a revision, and leaves a 301 behind when a live post's slug changes. The content rules
 * for posts live here, so that every way into a post (the editor, autosave's first save, restoring a revision,
 * approving a change, the demo content) keeps them; see {@link #edit(PostDraft, Long)}.
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

	private final PostTermLimits limits;

	private final PendingChanges pending;

	PostEditing(PostRepository posts, Taxonomy taxonomy, BodyRenderer renderer, Redirects redirects,
			ContentChanges changes, DatabaseClient database, TransactionalOperator transaction, Clock clock,
			PostTermLimits limits, PendingChanges pending) {
		this.limits = limits;
		this.pending = pending;
		this.posts = posts;
		this.taxonomy = taxonomy;
		this.renderer = renderer;
		this.redirects = redirects;
		this.changes = changes;
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Saves a draft or an edit of a post, as {@link #edit(PostDraft, Long)} does, and answers the post as it now
	 * stands (unchanged when the edit waits for review).
	 */
	public Mono<Post> save(PostDraft draft, Long editorId) {
		return edit(draft, editorId).map(Edit::post);
	}

	/**
	 * Saves what a member of staff ({@code editorId}; null for the blog itself: demo content, fixtures) wrote, by the
	 * rules for their role, read from their account now:
	 * <ul>
	 * <li>everyone: a title, a cover that {@link CoverImage} allows, at most {@link PostTermLimits} categories and
	 * tags, names of terms no longer than a term's name may be;</li>
	 * <li>an author names existing categories, tags and series only (an unknown one is refused with its name, and
	 * nothing is saved);</li>
	 * <li>an author's edit of a live post is kept aside for an editor ({@link PostReview}) and the post stays as it
	 * was; an author's edit of a scheduled post is saved, and the post goes back to a draft waiting for review.</li>
	 * </ul>
	 * The publishing state otherwise stays as it was.
	 */
	public Mono<Edit> edit(PostDraft draft, Long editorId) {
		return Mono.defer(() -> {
			String title = checked(draft);
			String cover = CoverImage.checked(draft.coverImage());
			return writer(editorId).flatMap(writer -> (writer.mayCreateTerms() ? Mono.<Void>empty() : existingTermsOnly(draft))
				.then(Mono.defer(() -> {
					Instant now = clock.instant();
					Mono<Post> existing = draft.id() == null ? Mono.fromSupplier(() -> newPost(now))
							: posts.findById(draft.id()).switchIfEmpty(Mono.error(new PostNotFoundException(draft.id())));
					return existing.flatMap(post -> {
						if (!writer.reviewed() || post.getId() == null) {
							return apply(post, draft, title, cover, editorId, now).map(saved -> new Edit(saved, Edit.Outcome.SAVED));
						}
						if (post.getStatus() == PostStatus.DRAFT) {
							// Off the site (unpublished since, say): the author's save is the post, and supersedes
							// a change of theirs that was waiting.
							return pending.withdraw(post.getId())
								.then(apply(post, draft, title, cover, editorId, now))
								.map(saved -> new Edit(saved, Edit.Outcome.SAVED));
						}
						if (post.isVisibleAt(now)) {
							return holdForReview(post, draft, title, cover, editorId, now);
						}
						// Scheduled and not yet out: nothing readers see changes, so the edit is saved and the post
						// waits for an editor again instead of going out at its time unreviewed.
						post.setStatus(PostStatus.DRAFT);
						return apply(post, draft, title, cover, editorId, now)
							.flatMap(saved -> database.sql("UPDATE posts SET review_requested_at = :now WHERE id = :id")
								.bind("now", now)
								.bind("id", saved.getId())
								.fetch()
								.rowsUpdated()
								.thenReturn(new Edit(saved, Edit.Outcome.BACK_TO_REVIEW)));
					});
				}))
				.as(transaction::transactional));
		});
	}

	/** The title to store, after the rules every writer keeps; throws for the first one broken. */
	private String checked(PostDraft draft) {
		String title = draft.title() == null ? "" : draft.title().strip();
		if (title.isEmpty()) {
			throw new InvalidPostException("A post needs a title.");
		}
		if (title.length() > MAX_TITLE_LENGTH) {
			throw new InvalidPostException("Titles are at most " + MAX_TITLE_LENGTH + " characters.");
		}
		if (draft.slug() != null && !draft.slug().isBlank() && Slugs.fromTitle(draft.slug(), "").isEmpty()) {
			throw new InvalidPostException("The slug needs at least one letter or digit.");
		}
		if (distinct(draft.categories()) > limits.maxCategories()) {
			throw new InvalidPostException("A post is in at most " + limits.maxCategories() + " categories; this one names "
					+ distinct(draft.categories()) + ".");
		}
		if (distinct(draft.tags()) > limits.maxTags()) {
			throw new InvalidPostException("A post has at most " + limits.maxTags() + " tags; this one names "
					+ distinct(draft.tags()) + ".");
		}
		List<String> names = new ArrayList<>(draft.categories());
		names.addAll(draft.tags());
		if (draft.series() != null) {
			names.add(draft.series());
		}
		for (String name : names) {
			if (name != null && name.strip().length() > TaxonomyEditing.MAX_NAME_LENGTH) {
				throw new InvalidPostException("Names of categories, tags and series are at most "
						+ TaxonomyEditing.MAX_NAME_LENGTH + " characters.");
			}
		}
		return title;
	}

	private static long distinct(List<String> names) {
		return names.stream().filter(name -> name != null && !name.isBlank()).map(name -> Slugs.fromTitle(name, "untitled")).distinct().count();
	}

	/** Who is saving: the blog itself (null), or a member of staff whose role is read now; an unknown id counts as an author. */
	private Mono<Writer> writer(Long editorId) {
		if (editorId == null) {
			return Mono.just(new Writer(null));
		}
		return database.sql("SELECT role FROM users WHERE id = :id")
			.bind("id", editorId)
			.map((row, meta) -> Role.valueOf(row.get("role", String.class)))
			.one()
			.defaultIfEmpty(Role.AUTHOR)
			.map(Writer::new);
	}

	/** {@code role} null: the blog itself, which may do what an editor may. */
	private record Writer(Role role) {

		boolean mayCreateTerms() {
			return role == null || role.mayEditOthersPosts();
		}

		/** Authors' changes to what readers see (or are about to) wait for an editor. */
		boolean reviewed() {
			return role != null && !role.mayEditOthersPosts();
		}
	}

	private Mono<Void> existingTermsOnly(PostDraft draft) {
		return Flux.concat(unknown(Taxonomy.Kind.CATEGORY, draft.categories()), unknown(Taxonomy.Kind.TAG, draft.tags()),
				unknown(Taxonomy.Kind.SERIES, draft.series() == null ? List.of() : List.of(draft.series())))
			.collectList()
			.flatMap(unknown -> unknown.isEmpty() ? Mono.empty()
					: Mono.error(new InvalidPostException(String.join(" ", unknown)
							+ " Pick from the suggestions; only an editor can create new ones.")));
	}

	private Flux<String> unknown(Taxonomy.Kind kind, List<String> names) {
		return taxonomy.unknown(kind, names).map(name -> "“" + name + "” is not a " + kind.word() + " yet.");
	}

	/**
	 * An author's edit of a live post: kept as the post's one pending change (a newer one replaces it) for an editor to
	 * approve or reject; the post, its terms and what readers and subscribers get stay as they were. An edit that
	 * changes nothing withdraws the pending change instead.
	 */
	private Mono<Edit> holdForReview(Post post, PostDraft draft, String title, String cover, Long editorId, Instant now) {
		PendingChange proposed = PendingChange.of(post.getId(), draft, title, cover);
		return Mono.zip(posts.categoryNamesOf(post.getId()).collectList(), posts.tagNamesOf(post.getId()).collectList(),
				posts.seriesNameOf(post.getId()).defaultIfEmpty(""))
			.flatMap(terms -> {
				if (proposed.sameAs(post, terms.getT1(), terms.getT2(), terms.getT3())) {
					return pending.withdraw(post.getId()).thenReturn(new Edit(post, Edit.Outcome.SAVED));
				}
				return pending.keep(proposed, editorId, now).thenReturn(new Edit(post, Edit.Outcome.WAITING_FOR_REVIEW));
			});
	}

	/** A save and what became of it. */
	public record Edit(Post post, Outcome outcome) {

		public enum Outcome {
			/** Saved as written. */
			SAVED,
			/** The post is live and unchanged; the edit waits for an editor. */
			WAITING_FOR_REVIEW,
			/** The post was scheduled; the edit is saved and the post is a draft waiting for an editor. */
			BACK_TO_REVIEW
		}
	}

	private Mono<Post> apply(Post post, PostDraft draft, String title, String cover, Long editorId, Instant now) {
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
		post.setCoverImage(cover);
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
