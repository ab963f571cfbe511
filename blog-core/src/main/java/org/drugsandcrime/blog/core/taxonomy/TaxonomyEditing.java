package org.drugsandcrime.blog.core.taxonomy;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.core.render.Slugs;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Staff's changes to categories, tags and series: create, rename, merge, delete. A merged term's archive
 * URL redirects to the one it went into; a category still in use is only deleted once its posts have
 * another one to go to, so no post silently loses its category.
 */
@Service
public class TaxonomyEditing {

	public static final int MAX_NAME_LENGTH = 100;

	private final Taxonomy taxonomy;

	private final DatabaseClient database;

	private final Redirects redirects;

	private final ContentChanges changes;

	private final TransactionalOperator transaction;

	TaxonomyEditing(Taxonomy taxonomy, DatabaseClient database, Redirects redirects, ContentChanges changes,
			TransactionalOperator transaction) {
		this.taxonomy = taxonomy;
		this.database = database;
		this.redirects = redirects;
		this.changes = changes;
		this.transaction = transaction;
	}

	/** Every term of a kind with how many posts use it, by name. */
	public Flux<Term> list(Kind kind) {
		return database.sql("SELECT t.id, t.slug, t.name, (" + kind.usage("t.id") + ") AS posts FROM " + kind.table
				+ " t ORDER BY lower(t.name), t.id")
			.map((row, meta) -> new Term(row.get("id", Long.class), row.get("slug", String.class),
					row.get("name", String.class), row.get("posts", Long.class)))
			.all();
	}

	public Mono<Term> find(Kind kind, long id) {
		return database.sql("SELECT t.id, t.slug, t.name, (" + kind.usage("t.id") + ") AS posts FROM " + kind.table
				+ " t WHERE t.id = :id")
			.bind("id", id)
			.map((row, meta) -> new Term(row.get("id", Long.class), row.get("slug", String.class),
					row.get("name", String.class), row.get("posts", Long.class)))
			.one();
	}

	public Mono<Term> create(Kind kind, String name) {
		String clean = checkName(name);
		Mono<Long> id = switch (kind) {
			case CATEGORY -> taxonomy.categoriesNamed(java.util.List.of(clean)).next().map(Category::id);
			case TAG -> taxonomy.tagsNamed(java.util.List.of(clean)).next().map(Tag::id);
			case SERIES -> taxonomy.seriesNamed(clean).map(Series::id);
		};
		return id.flatMap(created -> find(kind, created));
	}

	/** A new name; the slug (and so the archive URL) stays, so links keep working. */
	public Mono<Term> rename(Kind kind, long id, String name) {
		String clean = checkName(name);
		return database.sql("UPDATE " + kind.table + " SET name = :name WHERE id = :id")
			.bind("name", clean)
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 0 ? Mono.<Term>error(new TermNotFoundException(kind, id))
					: refreshTagNames(kind, "SELECT post_id FROM post_tags WHERE tag_id = :id", id)
						.then(changes.announce(new ContentChange(kind.path, id)))
						.then(find(kind, id)))
			.as(transaction::transactional);
	}

	/** Moves every post of {@code fromId} to {@code intoId}, deletes {@code fromId} and redirects its archive. */
	public Mono<Term> merge(Kind kind, long fromId, long intoId) {
		if (fromId == intoId) {
			return Mono.error(new InvalidPostException("Choose a different " + kind.singular + " to merge into."));
		}
		return Mono.zip(find(kind, fromId).switchIfEmpty(Mono.error(new TermNotFoundException(kind, fromId))),
				find(kind, intoId).switchIfEmpty(Mono.error(new TermNotFoundException(kind, intoId))))
			.flatMap(pair -> moveUsage(kind, fromId, intoId)
				.then(refreshTagNames(kind, "SELECT post_id FROM post_tags WHERE tag_id = :id", intoId))
				.then(database.sql("DELETE FROM " + kind.table + " WHERE id = :id").bind("id", fromId).fetch().rowsUpdated())
				.then(redirects.record("/" + kind.path + "/" + pair.getT1().slug(), "/" + kind.path + "/" + pair.getT2().slug()))
				.then(changes.announce(new ContentChange(kind.path, intoId)))
				.then(find(kind, intoId)))
			.as(transaction::transactional);
	}

	/**
	 * Deletes a term. A category in use needs {@code reassignToId}: its posts move there first. Tags and
	 * series just leave their posts (a post without a tag or series is whole; one without its category is not
	 * what staff meant).
	 */
	public Mono<Void> delete(Kind kind, long id, Long reassignToId) {
		return find(kind, id).switchIfEmpty(Mono.error(new TermNotFoundException(kind, id))).flatMap(term -> {
			if (kind == Kind.CATEGORY && term.posts() > 0) {
				if (reassignToId == null) {
					return Mono.error(new InvalidPostException("“" + term.name() + "” is used by " + term.posts()
							+ (term.posts() == 1 ? " post" : " posts") + ": choose a category to move them to."));
				}
				return merge(kind, id, reassignToId).then();
			}
			Mono<Long> affected = kind == Kind.TAG ? database.sql("DELETE FROM post_tags WHERE tag_id = :id")
				.bind("id", id)
				.fetch()
				.rowsUpdated() : Mono.just(0L);
			return affected.then(database.sql("DELETE FROM " + kind.table + " WHERE id = :id").bind("id", id).fetch().rowsUpdated())
				.then(kind == Kind.TAG ? refreshAllTagNames() : Mono.empty())
				.then(changes.announce(new ContentChange(kind.path, id)));
		}).as(transaction::transactional);
	}

	private Mono<Void> moveUsage(Kind kind, long fromId, long intoId) {
		return switch (kind) {
			case CATEGORY -> database.sql("INSERT INTO post_categories (post_id, category_id) "
					+ "SELECT post_id, :into FROM post_categories WHERE category_id = :from ON CONFLICT DO NOTHING")
				.bind("into", intoId).bind("from", fromId).fetch().rowsUpdated()
				.then(database.sql("DELETE FROM post_categories WHERE category_id = :from").bind("from", fromId).fetch().rowsUpdated())
				.then();
			case TAG -> database.sql("INSERT INTO post_tags (post_id, tag_id) "
					+ "SELECT post_id, :into FROM post_tags WHERE tag_id = :from ON CONFLICT DO NOTHING")
				.bind("into", intoId).bind("from", fromId).fetch().rowsUpdated()
				.then(database.sql("DELETE FROM post_tags WHERE tag_id = :from").bind("from", fromId).fetch().rowsUpdated())
				.then();
			case SERIES -> database.sql("UPDATE posts SET series_id = :into WHERE series_id = :from")
				.bind("into", intoId).bind("from", fromId).fetch().rowsUpdated().then();
		};
	}

	/** Posts keep their tag names in a column for full-text search; it follows renames and merges. */
	private Mono<Void> refreshTagNames(Kind kind, String postIds, long id) {
		if (kind != Kind.TAG) {
			return Mono.empty();
		}
		return database.sql("UPDATE posts p SET tag_names = coalesce((SELECT string_agg(t.name, ' ' ORDER BY t.name) "
				+ "FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '') WHERE p.id IN (" + postIds + ")")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.then();
	}

	private Mono<Void> refreshAllTagNames() {
		return database.sql("UPDATE posts p SET tag_names = coalesce((SELECT string_agg(t.name, ' ' ORDER BY t.name) "
				+ "FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '') "
				+ "WHERE p.tag_names <> coalesce((SELECT string_agg(t.name, ' ' ORDER BY t.name) "
				+ "FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '')")
			.fetch()
			.rowsUpdated()
			.then();
	}

	private static String checkName(String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || Slugs.fromTitle(clean, "").isEmpty()) {
			throw new InvalidPostException("A name needs at least one letter or digit.");
		}
		if (clean.length() > MAX_NAME_LENGTH) {
			throw new InvalidPostException("Names are at most " + MAX_NAME_LENGTH + " characters.");
		}
		return clean;
	}

	/** The three ways posts are grouped; {@code path} is also the public archive's first path segment. */
	public enum Kind {

		CATEGORY("categories", "category", "category", "SELECT count(*) FROM post_categories x WHERE x.category_id = %s"),
		TAG("tags", "tag", "tag", "SELECT count(*) FROM post_tags x WHERE x.tag_id = %s"),
		SERIES("series", "series", "series", "SELECT count(*) FROM posts x WHERE x.series_id = %s");

		private final String table;

		private final String path;

		private final String singular;

		private final String usage;

		Kind(String table, String path, String singular, String usage) {
			this.table = table;
			this.path = path;
			this.singular = singular;
			this.usage = usage;
		}

		String usage(String idColumn) {
			return usage.formatted(idColumn);
		}

		public String path() {
			return path;
		}

		public String singular() {
			return singular;
		}
	}

	public record Term(long id, String slug, String name, long posts) {
	}

	/** No such category, tag or series; the web layer answers 404. */
	public static class TermNotFoundException extends RuntimeException {

		public TermNotFoundException(Kind kind, long id) {
			super("No " + kind.singular + " " + id);
		}
	}
}
