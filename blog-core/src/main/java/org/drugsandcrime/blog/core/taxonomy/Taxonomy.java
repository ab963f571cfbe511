package org.drugsandcrime.blog.core.taxonomy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.render.Slugs;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Finds categories, tags and series by the names staff type, creating what does not exist yet. An upsert
 * on the slug, so two editors typing the same new tag at once get one tag.
 */
@Service
public class Taxonomy {

	private final DatabaseClient database;

	Taxonomy(DatabaseClient database) {
		this.database = database;
	}

	public Flux<Tag> tagsNamed(List<String> names) {
		return Flux.fromIterable(bySlug(names).entrySet())
			.concatMap(entry -> database
				.sql("INSERT INTO tags (slug, name) VALUES (:slug, :name) "
						+ "ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id, slug, name")
				.bind("slug", entry.getKey())
				.bind("name", entry.getValue())
				.map((row, meta) -> new Tag(row.get("id", Long.class), row.get("slug", String.class),
						row.get("name", String.class)))
				.one());
	}

	public Flux<Category> categoriesNamed(List<String> names) {
		return Flux.fromIterable(bySlug(names).entrySet())
			.concatMap(entry -> database
				.sql("INSERT INTO categories (slug, name) VALUES (:slug, :name) "
						+ "ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id, slug, name, description")
				.bind("slug", entry.getKey())
				.bind("name", entry.getValue())
				.map((row, meta) -> new Category(row.get("id", Long.class), row.get("slug", String.class),
						row.get("name", String.class), row.get("description", String.class)))
				.one());
	}

	public Mono<Series> seriesNamed(String name) {
		if (name == null || name.isBlank()) {
			return Mono.empty();
		}
		return database
			.sql("INSERT INTO series (slug, name) VALUES (:slug, :name) "
					+ "ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id, slug, name, description")
			.bind("slug", Slugs.fromTitle(name, "series"))
			.bind("name", name.strip())
			.map((row, meta) -> new Series(row.get("id", Long.class), row.get("slug", String.class),
					row.get("name", String.class), row.get("description", String.class)))
			.one();
	}

	/**
	 * The names among these that would create a category, tag or series rather than find one (compared by slug,
	 * as the upserts above are), so that those not allowed to create terms can be told before anything is saved.
	 */
	public Flux<String> unknown(Kind kind, List<String> names) {
		Map<String, String> wanted = bySlug(names);
		if (wanted.isEmpty()) {
			return Flux.empty();
		}
		return database.sql("SELECT slug FROM " + kind.table + " WHERE slug = ANY(:slugs)")
			.bind("slugs", wanted.keySet().toArray(String[]::new))
			.map((row, meta) -> row.get("slug", String.class))
			.all()
			.collectList()
			.flatMapMany(known -> Flux.fromIterable(wanted.entrySet())
				.filter(entry -> !known.contains(entry.getKey()))
				.map(Map.Entry::getValue));
	}

	/** Names of existing terms that start with (or contain) what staff typed, best matches first. */
	public Flux<String> suggestions(Kind kind, String typed, int limit) {
		String text = typed == null ? "" : typed.strip();
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return database.sql("SELECT name FROM " + kind.table + " WHERE name ILIKE :pattern "
				+ "ORDER BY lower(name) LIKE lower(:prefix) DESC, lower(name) LIMIT :limit")
			.bind("pattern", pattern)
			.bind("prefix", pattern.substring(1))
			.bind("limit", limit)
			.map((row, meta) -> row.get("name", String.class))
			.all();
	}

	/** The three kinds of term, each with its table and the word staff read for one of them. */
	public enum Kind {

		CATEGORY("categories", "category"), TAG("tags", "tag"), SERIES("series", "series");

		private final String table;

		private final String word;

		Kind(String table, String word) {
			this.table = table;
			this.word = word;
		}

		/** "category", "tag" or "series". */
		public String word() {
			return word;
		}
	}

	private static Map<String, String> bySlug(List<String> names) {
		Map<String, String> bySlug = new LinkedHashMap<>();
		for (String name : names) {
			if (name != null && !name.isBlank()) {
				bySlug.putIfAbsent(Slugs.fromTitle(name, "untitled"), name.strip());
			}
		}
		return bySlug;
	}
}
