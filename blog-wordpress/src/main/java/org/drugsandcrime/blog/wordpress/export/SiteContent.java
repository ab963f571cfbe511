package org.drugsandcrime.blog.wordpress.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.jsoup.nodes.Entities;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.settings.SiteSettings;
import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrComment;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrItemTerm;
import org.drugsandcrime.blog.wordpress.wxr.WxrMeta;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The site as WordPress would describe it, read from the database in pages of {@link #ITEMS_PER_READ} posts (keyed
 * by id, so each read is an index range however far the export has got) with the comments of each page in one more
 * query: two round trips per hundred posts, and never more than one page in memory. Trashed posts and pages are left
 * out: they are on their way to being deleted.
 */
@Component
class SiteContent {

	static final int ITEMS_PER_READ = 100;

	/** Where Yoast SEO, the most used SEO plugin, keeps a post's description; WordPress itself has none. */
	static final String SEO_DESCRIPTION_KEY = "_yoast_wpseo_metadesc";

	private final DatabaseClient database;

	private final Site site;

	private final PublicAddress address;

	SiteContent(DatabaseClient database, Site site, PublicAddress address) {
		this.database = database;
		this.site = site;
		this.address = address;
	}

	/** What the whole export needs to know before its first item. */
	Mono<Start> start(Instant now) {
		Mono<SiteSettings> settings = site.settings();
		Mono<Long> highestPostId = database.sql("SELECT coalesce(max(id), 0) AS n FROM posts")
			.map((row, meta) -> row.get("n", Long.class))
			.one();
		return Mono.zip(settings, highestPostId).map(both -> {
			SiteSettings current = both.getT1();
			String description = current.tagline().isBlank() ? current.description() : current.tagline();
			WxrSite wxr = new WxrSite(current.title(), address.baseUrl(), description, "en-GB", "1.2", address.baseUrl(),
					address.baseUrl());
			return new Start(wxr, site.timeOf(current).zone(), now, both.getT2());
		});
	}

	/** Every member of staff who wrote a post or page that is exported; the login is their public slug. */
	Flux<WxrAuthor> authors() {
		return database.sql("""
				SELECT u.id, u.slug, u.email, u.display_name FROM users u
				WHERE EXISTS (SELECT 1 FROM posts p WHERE p.author_id = u.id AND p.trashed_at IS NULL)
				   OR EXISTS (SELECT 1 FROM pages g WHERE g.author_id = u.id AND g.trashed_at IS NULL)
				ORDER BY u.id
				""")
			.map((row, meta) -> new WxrAuthor(row.get("id", Long.class), row.get("slug", String.class),
					row.get("email", String.class), row.get("display_name", String.class), "", ""))
			.all();
	}

	/**
	 * Every category, each named after its parent: WordPress's importer looks a parent up when it meets the child, so
	 * parents come first (by depth). A category caught in a loop of parents, which no root reaches, comes last.
	 */
	Flux<WxrCategory> categories() {
		return database.sql("""
				WITH RECURSIVE depth AS (
				    SELECT id, 0 AS level FROM categories WHERE parent_id IS NULL
				    UNION ALL
				    SELECT c.id, d.level + 1 FROM categories c JOIN depth d ON c.parent_id = d.id
				)
				SELECT c.id, c.slug, c.name, c.description, coalesce(p.slug, '') AS parent_slug
				FROM categories c
				LEFT JOIN categories p ON p.id = c.parent_id
				LEFT JOIN depth d ON d.id = c.id
				ORDER BY d.level NULLS LAST, c.id
				""")
			.map((row, meta) -> new WxrCategory(row.get("id", Long.class), row.get("slug", String.class),
					row.get("parent_slug", String.class), row.get("name", String.class), text(row, "description")))
			.all();
	}

	Flux<WxrTag> tags() {
		return database.sql("SELECT id, slug, name FROM tags ORDER BY id")
			.map((row, meta) -> new WxrTag(row.get("id", Long.class), row.get("slug", String.class),
					row.get("name", String.class), ""))
			.all();
	}

	/** Posts a page at a time, each with its categories, tags and comments. */
	Flux<List<WxrItem>> posts(Start start) {
		return postsAfter(start, 0).expand(read -> read.full() ? postsAfter(start, read.lastId()) : Mono.empty())
			.map(Read::items)
			.filter(items -> !items.isEmpty());
	}

	/** Pages a page at a time; they have no comments. */
	Flux<List<WxrItem>> pages(Start start) {
		return pagesAfter(start, 0).expand(read -> read.full() ? pagesAfter(start, read.lastId()) : Mono.empty())
			.map(Read::items)
			.filter(items -> !items.isEmpty());
	}

	private Mono<Read> postsAfter(Start start, long after) {
		return database.sql("""
				SELECT p.id, p.guid, p.slug, p.title, p.excerpt, p.custom_excerpt, p.body_html, p.status, p.published_at,
				       p.created_at, p.updated_at, p.featured, p.seo_description, u.slug AS author,
				       ARRAY(SELECT c.slug FROM post_categories pc JOIN categories c ON c.id = pc.category_id
				             WHERE pc.post_id = p.id ORDER BY c.id) AS category_slugs,
				       ARRAY(SELECT c.name FROM post_categories pc JOIN categories c ON c.id = pc.category_id
				             WHERE pc.post_id = p.id ORDER BY c.id) AS category_names,
				       ARRAY(SELECT t.slug FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
				             WHERE pt.post_id = p.id ORDER BY t.id) AS tag_slugs,
				       ARRAY(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
				             WHERE pt.post_id = p.id ORDER BY t.id) AS tag_names
				FROM posts p JOIN users u ON u.id = p.author_id
				WHERE p.trashed_at IS NULL AND p.id > :after
				ORDER BY p.id
				LIMIT :limit
				""")
			.bind("after", after)
			.bind("limit", ITEMS_PER_READ)
			.map((row, meta) -> new PostRow(row))
			.all()
			.collectList()
			.flatMap(rows -> rows.isEmpty() ? Mono.just(new Read(List.of(), false, after))
					: commentsOf(rows.stream().map(PostRow::id).toList(), start.zone()).map(comments -> new Read(
							rows.stream().map(post -> post.item(start, address, comments.getOrDefault(post.id(), List.of()))).toList(),
							rows.size() == ITEMS_PER_READ, rows.get(rows.size() - 1).id())));
	}

	/** The comments of a page of posts in one query, parents before their replies (a reply is always newer). */
	private Mono<Map<Long, Collection<WxrComment>>> commentsOf(List<Long> postIds, ZoneId zone) {
		return database.sql("""
				SELECT id, post_id, parent_id, author_name, author_email, author_website, body, status, user_id,
				       client_address, created_at
				FROM comments WHERE post_id = ANY(:posts)
				ORDER BY post_id, id
				""")
			.bind("posts", postIds.toArray(Long[]::new))
			.map((row, meta) -> Map.entry(row.get("post_id", Long.class), comment(row, zone)))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static WxrComment comment(Readable row, ZoneId zone) {
		Instant created = row.get("created_at", Instant.class);
		Long parent = row.get("parent_id", Long.class);
		Long user = row.get("user_id", Long.class);
		// A reader's comment is plain text here; WordPress keeps HTML, so the text is escaped to stay what it was.
		return new WxrComment(row.get("id", Long.class), row.get("author_name", String.class),
				row.get("author_email", String.class), text(row, "author_website"), text(row, "client_address"),
				WxrDocument.wordpressTime(created, zone), WxrDocument.wordpressTime(created, ZoneOffset.UTC),
				Entities.escape(row.get("body", String.class)), approved(row.get("status", String.class)),
				"comment", parent == null ? 0 : parent, user == null ? 0 : user, List.of());
	}

	private static String approved(String status) {
		return switch (status) {
			case "APPROVED" -> "1";
			case "SPAM" -> "spam";
			case "TRASH" -> "trash";
			default -> "0";
		};
	}

	private Mono<Read> pagesAfter(Start start, long after) {
		return database.sql("""
				SELECT g.id, g.slug, g.title, g.body_html, g.status, g.seo_description, g.nav_position, g.created_at,
				       g.updated_at, u.slug AS author
				FROM pages g LEFT JOIN users u ON u.id = g.author_id
				WHERE g.trashed_at IS NULL AND g.id > :after
				ORDER BY g.id
				LIMIT :limit
				""")
			.bind("after", after)
			.bind("limit", ITEMS_PER_READ)
			.map((row, meta) -> page(row, start))
			.all()
			.collectList()
			.map(items -> new Read(items, items.size() == ITEMS_PER_READ,
					items.isEmpty() ? after : items.get(items.size() - 1).postId() - start.highestPostId()));
	}

	/**
	 * Pages and posts are one table in WordPress, so a page's number there must not be a post's: it follows the
	 * highest post number.
	 */
	private WxrItem page(Readable row, Start start) {
		long id = row.get("id", Long.class);
		Instant created = row.get("created_at", Instant.class);
		Integer position = row.get("nav_position", Integer.class);
		return new WxrItem(start.highestPostId() + id, "page", row.get("title", String.class),
				address.page(row.get("slug", String.class)), address.pageGuid(id), text(row, "author"),
				row.get("body_html", String.class), "", WxrDocument.wordpressTime(created, start.zone()),
				WxrDocument.wordpressTime(created, ZoneOffset.UTC),
				WxrDocument.wordpressTime(row.get("updated_at", Instant.class), ZoneOffset.UTC),
				row.get("slug", String.class), "PUBLISHED".equals(row.get("status", String.class)) ? "publish" : "draft", 0,
				position == null ? 0 : position, false, "", "closed", "", List.of(), seo(text(row, "seo_description")),
				List.of());
	}

	private static List<WxrMeta> seo(String description) {
		return description.isBlank() ? List.of() : List.of(new WxrMeta(SEO_DESCRIPTION_KEY, description));
	}

	private static String text(Readable row, String column) {
		String value = row.get(column, String.class);
		return value == null ? "" : value;
	}

	/** The export's fixed facts: the channel, the site's zone, its moment, and where page numbers start. */
	record Start(WxrSite site, ZoneId zone, Instant now, long highestPostId) {
	}

	/** One read of items; {@code full} when there may be more after {@code lastId}. */
	private record Read(List<WxrItem> items, boolean full, long lastId) {
	}

	private record PostRow(long id, String guid, String slug, String title, String excerpt, boolean customExcerpt,
			String html, String status, Instant publishedAt, Instant createdAt, Instant updatedAt, boolean featured,
			String seoDescription, String author, String[] categorySlugs, String[] categoryNames, String[] tagSlugs,
			String[] tagNames) {

		PostRow(Readable row) {
			this(row.get("id", Long.class), row.get("guid", String.class), row.get("slug", String.class),
					row.get("title", String.class), row.get("excerpt", String.class), row.get("custom_excerpt", Boolean.class),
					row.get("body_html", String.class), row.get("status", String.class),
					row.get("published_at", Instant.class), row.get("created_at", Instant.class),
					row.get("updated_at", Instant.class), row.get("featured", Boolean.class), text(row, "seo_description"),
					row.get("author", String.class), row.get("category_slugs", String[].class),
					row.get("category_names", String[].class), row.get("tag_slugs", String[].class),
					row.get("tag_names", String[].class));
		}

		WxrItem item(Start start, PublicAddress address, Collection<WxrComment> comments) {
			List<WxrItemTerm> terms = new ArrayList<>();
			for (int i = 0; i < categorySlugs.length; i++) {
				terms.add(new WxrItemTerm("category", categorySlugs[i], categoryNames[i]));
			}
			for (int i = 0; i < tagSlugs.length; i++) {
				terms.add(new WxrItemTerm("post_tag", tagSlugs[i], tagNames[i]));
			}
			Instant dated = publishedAt != null ? publishedAt : createdAt;
			return new WxrItem(id, "post", title, address.post(slug), guid, author, html, customExcerpt ? excerpt : "",
					WxrDocument.wordpressTime(dated, start.zone()), WxrDocument.wordpressTime(publishedAt, ZoneOffset.UTC),
					WxrDocument.wordpressTime(updatedAt, ZoneOffset.UTC), slug, status(start.now()), 0, 0, featured, "",
					"open", "", terms, seo(seoDescription), List.copyOf(comments));
		}

		/** WordPress's word for the state: a scheduled post whose time has come is published. */
		private String status(Instant now) {
			if ("DRAFT".equals(status)) {
				return "draft";
			}
			return publishedAt != null && publishedAt.isAfter(now) ? "future" : "publish";
		}
	}
}
