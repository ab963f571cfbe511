package org.drugsandcrime.blog.wordpress.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.media.InvalidMediaException;
import org.drugsandcrime.blog.core.media.MediaLibrary;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.drugsandcrime.blog.core.render.RenderedBody;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.wordpress.address.ImportedRedirects;
import org.drugsandcrime.blog.wordpress.address.OldAddress;
import org.drugsandcrime.blog.wordpress.address.OldAddresses;
import org.drugsandcrime.blog.wordpress.importing.ImportBatch.Mapped;
import org.drugsandcrime.blog.wordpress.importing.ImportBatch.Prepared;
import org.drugsandcrime.blog.wordpress.body.ConvertedBody;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;
import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrComment;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrItemTerm;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Writes one batch of entries: looks up what was imported before, stores the batch's images, renders its bodies
 * (off the event loop, two at a time), then writes everything in ONE transaction with its mapping rows, old
 * addresses, report notes and progress, so a batch is all or nothing and a stopped import resumes where it
 * stopped. Every table is written with one multi-row statement (arrays unnested), whatever the batch's size.
 */
@Component
class BatchWriter {

	/** Any number for pg_advisory_xact_lock: two imports at once take turns batch by batch, never both writing. */
	private static final long IMPORT_LOCK = 0x5750_494d_504fL;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final BodyRenderer renderer;

	private final MediaLibrary mediaLibrary;

	private final ImportedRedirects redirects;

	private final ContentChanges changes;

	private final ImportRuns runs;

	private final Clock clock;

	BatchWriter(DatabaseClient database, TransactionalOperator transaction, BodyRenderer renderer,
			MediaLibrary mediaLibrary, ImportedRedirects redirects, ContentChanges changes, ImportRuns runs,
			Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.renderer = renderer;
		this.mediaLibrary = mediaLibrary;
		this.redirects = redirects;
		this.changes = changes;
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * Everything before the transaction: what was imported before, the images, the bodies. Runs while the batch
	 * before is being committed; needs nothing that batch writes.
	 */
	Mono<ImportBatch> prepare(ImportContext context, ImportBatch batch) {
		if (batch.failure != null) {
			return Mono.just(batch);
		}
		if (context.siteKey == null) {
			return Mono.error(new ImportProblem("The file names no site before its contents.", null));
		}
		return lookUp(context, batch)
			.then(Mono.defer(() -> storeMedia(context, batch)))
			.then(Mono.defer(() -> render(context, batch)))
			.thenReturn(batch);
	}

	/** The batch's one transaction; batches are committed one at a time, in the file's order. */
	Mono<Void> commit(ImportContext context, ImportBatch batch) {
		if (batch.failure != null) {
			return Mono.error(batch.failure);
		}
		return new Writing(context, batch).write().as(transaction::transactional);
	}

	/** What this batch's things became in earlier batches or runs: one query. */
	private Mono<Void> lookUp(ImportContext context, ImportBatch batch) {
		List<String> kinds = new ArrayList<>();
		List<Long> ids = new ArrayList<>();
		batch.authors.forEach(author -> add(kinds, ids, "author", author.id()));
		batch.categories.forEach(category -> add(kinds, ids, "category", category.termId()));
		batch.tags.forEach(tag -> add(kinds, ids, "tag", tag.termId()));
		batch.attachments.forEach(attachment -> add(kinds, ids, "attachment", attachment.postId()));
		batch.pages.forEach(page -> add(kinds, ids, "page", page.postId()));
		for (WxrItem post : batch.posts) {
			add(kinds, ids, "post", post.postId());
			for (WxrComment comment : post.comments()) {
				add(kinds, ids, "comment", comment.id());
				if (comment.parent() > 0) {
					add(kinds, ids, "comment", comment.parent());
				}
			}
			Bodies.galleryAttachmentIds(post.content()).forEach(id -> add(kinds, ids, "attachment", id));
		}
		if (kinds.isEmpty()) {
			return Mono.empty();
		}
		return database.sql("""
				SELECT m.kind, m.wp_id, m.local_id, m.local_path FROM wordpress_items m
				JOIN unnest(:kinds::text[], :ids::bigint[]) AS k(kind, wp_id) ON m.kind = k.kind AND m.wp_id = k.wp_id
				WHERE m.site = :site""")
			.bind("kinds", kinds.toArray(String[]::new))
			.bind("ids", ids.toArray(Long[]::new))
			.bind("site", context.siteKey)
			.map((row, meta) -> Map.entry(ImportBatch.key(row.get("kind", String.class), row.get("wp_id", Long.class)),
					new Mapped(orZero(row.get("local_id", Long.class)), row.get("local_path", String.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.doOnNext(found -> batch.mapped = found)
			.then();
	}

	private static void add(List<String> kinds, List<Long> ids, String kind, long id) {
		kinds.add(kind);
		ids.add(id);
	}

	/**
	 * Stores the batch's images from the uploads given, before its transaction: storing is keyed by the old
	 * address (wordpress_media), so an image stored by a batch that then failed is found, not stored twice.
	 */
	private Mono<Void> storeMedia(ImportContext context, ImportBatch batch) {
		if (context.uploads == null) {
			return Mono.empty();
		}
		return Mono.fromCallable(() -> {
			Set<String> addresses = new LinkedHashSet<>();
			for (WxrItem item : newItems(batch)) {
				for (String address : Bodies.imageAddresses(item.content())) {
					if (context.uploadsPath(address) != null) {
						addresses.add(address);
					}
				}
			}
			for (WxrItem attachment : batch.attachments) {
				if (batch.mapped("attachment", attachment.postId()) == null
						&& context.uploadsPath(attachment.attachmentUrl()) != null) {
					addresses.add(attachment.attachmentUrl());
				}
			}
			return addresses;
		}).subscribeOn(Schedulers.parallel()).flatMap(addresses -> {
			if (addresses.isEmpty()) {
				return Mono.empty();
			}
			return database.sql("SELECT old_address, path FROM wordpress_media WHERE site = :site AND old_address = ANY(:addresses)")
				.bind("site", context.siteKey)
				.bind("addresses", addresses.toArray(String[]::new))
				.map((row, meta) -> Map.entry(row.get("old_address", String.class), row.get("path", String.class)))
				.all()
				.doOnNext(stored -> batch.media.put(stored.getKey(), stored.getValue()))
				.then(Flux.fromIterable(addresses)
					.filter(address -> !batch.media.containsKey(address))
					.concatMap(address -> store(context, batch, address))
					.collectList())
				.flatMap(stored -> keepStored(context, stored));
		});
	}

	private Flux<StoredImage> store(ImportContext context, ImportBatch batch, String address) {
		String relative = context.uploadsPath(address);
		return Mono.fromCallable(() -> context.uploads.file(relative))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapMany(file -> {
				if (file.isEmpty()) {
					batch.mediaMissing.put(address, "Not among the uploads given.");
					return Flux.empty();
				}
				String name = relative.substring(relative.lastIndexOf('/') + 1);
				return mediaLibrary.importImage(name, file.get(), context.request.startedBy())
					.map(media -> {
						String path = "/media/" + media.fileName();
						batch.media.put(address, path);
						return new StoredImage(address, media.id(), path);
					})
					.onErrorResume(InvalidMediaException.class, ex -> {
						batch.mediaMissing.put(address, ex.getMessage());
						return Mono.empty();
					})
					.flux();
			});
	}

	private Mono<Void> keepStored(ImportContext context, List<StoredImage> stored) {
		if (stored.isEmpty()) {
			return Mono.empty();
		}
		return database.sql("""
				INSERT INTO wordpress_media (site, old_address, media_id, path)
				SELECT :site, * FROM unnest(:addresses::text[], :ids::bigint[], :paths::text[])
				ON CONFLICT (site, old_address) DO NOTHING""")
			.bind("site", context.siteKey)
			.bind("addresses", stored.stream().map(StoredImage::address).toArray(String[]::new))
			.bind("ids", stored.stream().map(StoredImage::mediaId).toArray(Long[]::new))
			.bind("paths", stored.stream().map(StoredImage::path).toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.then();
	}

	private record StoredImage(String address, Long mediaId, String path) {
	}

	private static List<WxrItem> newItems(ImportBatch batch) {
		List<WxrItem> items = new ArrayList<>();
		batch.posts.stream().filter(post -> batch.mapped("post", post.postId()) == null).forEach(items::add);
		batch.pages.stream().filter(page -> batch.mapped("page", page.postId()) == null).forEach(items::add);
		return items;
	}

	/** Converts and renders the new posts' and pages' bodies on the parallel workers: CPU work, no I/O. */
	private Mono<Void> render(ImportContext context, ImportBatch batch) {
		Map<Long, String> attachmentAddresses = new HashMap<>();
		batch.attachments.forEach(attachment -> attachmentAddresses.put(attachment.postId(), attachment.attachmentUrl()));
		batch.mapped.forEach((key, mapped) -> {
			if (key.startsWith("attachment:") && mapped.localPath() != null) {
				attachmentAddresses.putIfAbsent(Long.parseLong(key.substring("attachment:".length())), mapped.localPath());
			}
		});
		Instant now = clock.instant();
		return Flux.fromIterable(newItems(batch))
			.parallel(2)
			.runOn(Schedulers.parallel())
			.map(item -> prepared(context, batch, item, attachmentAddresses, now))
			.sequential()
			.doOnNext(prepared -> {
				synchronized (batch.prepared) {
					batch.prepared.put(prepared.item().postId(), prepared);
				}
			})
			.then();
	}

	private Prepared prepared(ImportContext context, ImportBatch batch, WxrItem item, Map<Long, String> attachments,
			Instant now) {
		List<Map.Entry<Reason, String>> notes = new ArrayList<>();
		boolean page = item.postType().equalsIgnoreCase("page");
		ItemRules.Dated dated = ItemRules.dated(item);
		PostStatus status = dated.status();
		if (dated.note() != null) {
			notes.add(Map.entry(dated.impossibleDate() ? Reason.IMPOSSIBLE_DATE : Reason.CHANGED, dated.note()));
		}
		if (page && status == PostStatus.SCHEDULED) {
			status = PostStatus.DRAFT;
			notes.add(Map.entry(Reason.CHANGED, "Scheduled on WordPress; pages here cannot wait for a date: a draft."));
		}
		String title = ItemRules.title(item);
		if (!title.equals(item.title().strip())) {
			notes.add(Map.entry(Reason.CHANGED, item.title().isBlank() ? "It had no title: “" + ItemRules.UNTITLED + "”."
					: "Its title was shortened to " + title.length() + " characters."));
		}
		Function<String, String> newAddress = address -> batch.media.get(address);
		ConvertedBody converted = Bodies.convert(item.content(), newAddress, attachments::get);
		if (!converted.unknownShortcodes().isEmpty()) {
			notes.add(Map.entry(Reason.UNKNOWN_SHORTCODE, String.join(", ", converted.unknownShortcodes())));
		}
		for (String kept : converted.keptImageAddresses()) {
			String why = batch.mediaMissing.get(kept);
			if (why == null && context.uploadsPath(kept) != null) {
				why = context.uploads == null ? "No uploads were given." : "Not among the uploads given.";
			}
			if (why != null) {
				notes.add(Map.entry(Reason.MISSING_MEDIA, kept + " — " + why));
			}
		}
		for (Long missing : converted.missingAttachmentIds()) {
			notes.add(Map.entry(Reason.MISSING_MEDIA, "gallery image " + missing + " is not in the file"));
		}
		String excerpt = ItemRules.excerpt(item);
		RenderedBody body = renderer.render(converted.markdown(), excerpt);
		Instant created = ItemRules.created(item, dated.publishedAt() == null ? now : dated.publishedAt());
		return new Prepared(item, title, ItemRules.slug(item, page ? "page" : "post"), status, dated.publishedAt(),
				created, ItemRules.updated(item, created), converted.markdown(), body, !excerpt.isEmpty(), notes);
	}

	private static long orZero(Long value) {
		return value == null ? 0 : value;
	}

	/** The transaction of one batch, in the order the tables refer to each other. */
	private final class Writing {

		private final ImportContext context;

		private final ImportBatch batch;

		private final ImportTally tally;

		private final List<MappingRow> mappings = new ArrayList<>();

		private final List<OldAddress> addresses = new ArrayList<>();

		private boolean changed;

		Writing(ImportContext context, ImportBatch batch) {
			this.context = context;
			this.batch = batch;
			this.tally = context.tally;
		}

		Mono<Void> write() {
			return database.sql("SELECT pg_advisory_xact_lock(:lock)")
				.bind("lock", IMPORT_LOCK)
				.fetch()
				.rowsUpdated()
				.then(Mono.defer(this::authors))
				.then(Mono.defer(this::categories))
				.then(Mono.defer(this::tags))
				.then(Mono.defer(this::items))
				.then(Mono.defer(this::attachments))
				.then(Mono.defer(this::mappingRows))
				.then(Mono.defer(this::oldAddresses))
				.then(Mono.defer(this::report));
		}

		// Authors ------------------------------------------------------------------------------------------------

		private Mono<Void> authors() {
			List<WxrAuthor> fresh = new ArrayList<>();
			for (WxrAuthor author : batch.authors) {
				Mapped mapped = batch.mapped("author", author.id());
				if (mapped != null) {
					tally.already(ImportTally.AUTHORS);
					remember(author, mapped.localId());
				}
				else {
					fresh.add(author);
				}
			}
			if (fresh.isEmpty()) {
				return Mono.empty();
			}
			Map<WxrAuthor, String> emails = new LinkedHashMap<>();
			for (WxrAuthor author : fresh) {
				String email = author.email().strip().toLowerCase(Locale.ROOT);
				if (email.isEmpty() || !email.contains("@")) {
					email = Slugs.fromTitle(author.login(), "author-" + author.id()) + "@wordpress.invalid";
					tally.warn(Reason.CHANGED, "author “" + author.login() + "”",
							"No email address in the file: " + email + " until staff give one.");
				}
				emails.put(author, email);
			}
			return database.sql("SELECT id, lower(email) AS email, slug FROM users WHERE lower(email) = ANY(:emails)")
				.bind("emails", emails.values().stream().distinct().toArray(String[]::new))
				.map((row, meta) -> new Account(row.get("id", Long.class), row.get("email", String.class),
						row.get("slug", String.class)))
				.all()
				.collectMap(Account::email)
				.flatMap(existing -> {
					Map<String, Account> byEmail = new HashMap<>(existing);
					List<WxrAuthor> toCreate = new ArrayList<>();
					Set<String> creating = new HashSet<>();
					for (WxrAuthor author : fresh) {
						String email = emails.get(author);
						if (!byEmail.containsKey(email) && creating.add(email)) {
							toCreate.add(author);
						}
					}
					List<String> wanted = toCreate.stream()
						.map(author -> Slugs.fromTitle(author.displayName().isBlank() ? author.login() : author.displayName(),
								"author"))
						.toList();
					return uniqueSlugs("users", wanted).flatMap(slugs -> {
						if (toCreate.isEmpty()) {
							return Mono.just(List.<Account>of());
						}
						return database.sql("""
								INSERT INTO users (email, display_name, slug, role, password_hash, enabled, created_at)
								SELECT u.email, u.name, u.slug, 'AUTHOR', NULL, false, :now
								FROM unnest(:emails::text[], :names::text[], :slugs::text[]) AS u(email, name, slug)
								RETURNING id, lower(email) AS email, slug""")
							.bind("emails", toCreate.stream().map(emails::get).toArray(String[]::new))
							.bind("names", toCreate.stream().map(BatchWriter::displayName).toArray(String[]::new))
							.bind("slugs", slugs.toArray(String[]::new))
							.bind("now", clock.instant())
							.map((row, meta) -> new Account(row.get("id", Long.class), row.get("email", String.class),
									row.get("slug", String.class)))
							.all()
							.collectList();
					}).map(created -> {
						created.forEach(account -> byEmail.put(account.email(), account));
						Set<String> createdEmails = new HashSet<>();
						created.forEach(account -> createdEmails.add(account.email()));
						for (WxrAuthor author : fresh) {
							Account account = byEmail.get(emails.get(author));
							if (createdEmails.remove(account.email())) {
								tally.imported(ImportTally.AUTHORS);
							}
							else {
								tally.already(ImportTally.AUTHORS);
							}
							remember(author, account.id());
							String path = "/author/" + account.slug();
							mappings.add(new MappingRow("author", author.id(), account.id(), path, null));
							addresses.addAll(OldAddresses.ofAuthor(context.site, author, path));
						}
						changed = changed || !created.isEmpty();
						return created;
					});
				})
				.then();
		}

		private void remember(WxrAuthor author, long userId) {
			context.authorByLogin.put(author.login(), userId);
			context.userByWordPressId.put(author.id(), userId);
		}

		// Categories and tags ---------------------------------------------------------------------------------------

		private Mono<Void> categories() {
			List<WxrCategory> fresh = new ArrayList<>();
			for (WxrCategory category : batch.categories) {
				Mapped mapped = batch.mapped("category", category.termId());
				rememberPath(category);
				if (mapped != null) {
					tally.already(ImportTally.CATEGORIES);
					context.categoryByNicename.put(category.nicename(), mapped.localId());
				}
				else {
					fresh.add(category);
				}
			}
			if (fresh.isEmpty()) {
				return Mono.empty();
			}
			List<String> slugs = fresh.stream()
				.map(category -> ItemRules.termSlug(category.nicename(), category.name(), "category"))
				.toList();
			return terms("categories", slugs, fresh.stream().map(WxrCategory::name).toList(),
					fresh.stream().map(WxrCategory::description).toList())
				.flatMap(found -> {
					List<Long> children = new ArrayList<>();
					List<Long> parents = new ArrayList<>();
					for (int i = 0; i < fresh.size(); i++) {
						WxrCategory category = fresh.get(i);
						Term term = found.get(slugs.get(i));
						context.categoryByNicename.put(category.nicename(), term.id());
						if (term.created()) {
							tally.imported(ImportTally.CATEGORIES);
							if (!category.parentNicename().isBlank()) {
								Long parent = context.categoryByNicename.get(category.parentNicename());
								if (parent == null) {
									tally.warn(Reason.MISSING_PARENT, "category “" + category.name() + "”",
											"Its parent “" + category.parentNicename()
													+ "” is not in the file: imported at the top level.");
								}
								else {
									children.add(term.id());
									parents.add(parent);
								}
							}
						}
						else {
							tally.already(ImportTally.CATEGORIES);
						}
						String path = "/category/" + term.slug();
						mappings.add(new MappingRow("category", category.termId(), term.id(), path, null));
						addresses.addAll(OldAddresses.ofCategory(context.site, category,
								context.categoryPathByNicename.get(category.nicename()), path));
					}
					if (children.isEmpty()) {
						return Mono.empty();
					}
					return database.sql("""
							UPDATE categories c SET parent_id = u.parent
							FROM unnest(:children::bigint[], :parents::bigint[]) AS u(child, parent)
							WHERE c.id = u.child""")
						.bind("children", children.toArray(Long[]::new))
						.bind("parents", parents.toArray(Long[]::new))
						.fetch()
						.rowsUpdated()
						.then();
				});
		}

		private void rememberPath(WxrCategory category) {
			String parentPath = category.parentNicename().isBlank() ? null
					: context.categoryPathByNicename.get(category.parentNicename());
			context.categoryPathByNicename.put(category.nicename(),
					parentPath == null ? category.nicename() : parentPath + "/" + category.nicename());
		}

		private Mono<Void> tags() {
			List<WxrTag> fresh = new ArrayList<>();
			for (WxrTag tag : batch.tags) {
				Mapped mapped = batch.mapped("tag", tag.termId());
				if (mapped != null) {
					tally.already(ImportTally.TAGS);
					context.tagBySlug.put(tag.slug(), mapped.localId());
				}
				else {
					fresh.add(tag);
				}
			}
			if (fresh.isEmpty()) {
				return Mono.empty();
			}
			List<String> slugs = fresh.stream().map(tag -> ItemRules.termSlug(tag.slug(), tag.name(), "tag")).toList();
			return terms("tags", slugs, fresh.stream().map(WxrTag::name).toList(), null).doOnNext(found -> {
				for (int i = 0; i < fresh.size(); i++) {
					WxrTag tag = fresh.get(i);
					Term term = found.get(slugs.get(i));
					context.tagBySlug.put(tag.slug(), term.id());
					if (term.created()) {
						tally.imported(ImportTally.TAGS);
					}
					else {
						tally.already(ImportTally.TAGS);
					}
					String path = "/tag/" + term.slug();
					mappings.add(new MappingRow("tag", tag.termId(), term.id(), path, null));
					addresses.addAll(OldAddresses.ofTag(context.site, tag, path));
				}
			}).then();
		}

		/**
		 * Categories or tags by slug: the ones that exist are used as they are (a category of the same slug is the
		 * same category), the others created. Two statements whatever the number.
		 */
		private Mono<Map<String, Term>> terms(String table, List<String> slugs, List<String> names,
				List<String> descriptions) {
			Map<String, Term> found = new HashMap<>();
			return database.sql("SELECT id, slug FROM " + table + " WHERE slug = ANY(:slugs)")
				.bind("slugs", slugs.toArray(String[]::new))
				.map((row, meta) -> new Term(row.get("id", Long.class), row.get("slug", String.class), false))
				.all()
				.doOnNext(term -> found.put(term.slug(), term))
				.then(Mono.defer(() -> {
					List<String> newSlugs = new ArrayList<>();
					List<String> newNames = new ArrayList<>();
					List<String> newDescriptions = new ArrayList<>();
					for (int i = 0; i < slugs.size(); i++) {
						if (!found.containsKey(slugs.get(i)) && !newSlugs.contains(slugs.get(i))) {
							newSlugs.add(slugs.get(i));
							newNames.add(names.get(i).isBlank() ? slugs.get(i) : names.get(i).strip());
							newDescriptions.add(descriptions == null ? "" : descriptions.get(i).strip());
						}
					}
					if (newSlugs.isEmpty()) {
						return Mono.just(found);
					}
					changed = true;
					String sql = descriptions == null
							? "INSERT INTO tags (slug, name) SELECT * FROM unnest(:slugs::text[], :names::text[]) RETURNING id, slug"
							: "INSERT INTO categories (slug, name, description) SELECT * FROM unnest(:slugs::text[], "
									+ ":names::text[], :descriptions::text[]) RETURNING id, slug";
					DatabaseClient.GenericExecuteSpec insert = database.sql(sql)
						.bind("slugs", newSlugs.toArray(String[]::new))
						.bind("names", newNames.toArray(String[]::new));
					if (descriptions != null) {
						insert = insert.bind("descriptions", newDescriptions.toArray(String[]::new));
					}
					return insert.map((row, meta) -> new Term(row.get("id", Long.class), row.get("slug", String.class), true))
						.all()
						.doOnNext(term -> found.put(term.slug(), term))
						.then(Mono.just(found));
				}));
		}

		// Posts, pages and comments -----------------------------------------------------------------------------

		private Mono<Void> items() {
			List<WxrItem> freshPosts = new ArrayList<>();
			Map<Long, Long> postIds = new HashMap<>();
			for (WxrItem post : batch.posts) {
				Mapped mapped = batch.mapped("post", post.postId());
				if (mapped != null) {
					tally.already(ImportTally.POSTS);
					postIds.put(post.postId(), mapped.localId());
				}
				else {
					freshPosts.add(post);
				}
			}
			List<WxrItem> freshPages = new ArrayList<>();
			for (WxrItem page : batch.pages) {
				if (batch.mapped("page", page.postId()) != null) {
					tally.already(ImportTally.PAGES);
				}
				else {
					freshPages.add(page);
				}
			}
			if (freshPosts.isEmpty() && freshPages.isEmpty() && batch.posts.isEmpty()) {
				return Mono.empty();
			}
			Map<String, WxrItem> byGuid = new LinkedHashMap<>();
			freshPosts.forEach(post -> byGuid.put(guid(post), post));
			return database.sql("SELECT id, guid, slug FROM posts WHERE guid = ANY(:guids)")
				.bind("guids", byGuid.keySet().toArray(String[]::new))
				.map((row, meta) -> new Account(row.get("id", Long.class), row.get("guid", String.class),
						row.get("slug", String.class)))
				.all()
				.collectList()
				.flatMap(known -> {
					// A post whose guid is here already came from this WordPress by another road (an earlier import
					// whose mapping was lost): it is that post, not a new one.
					for (Account post : known) {
						WxrItem item = byGuid.get(post.email());
						if (item != null && freshPosts.remove(item)) {
							tally.already(ImportTally.POSTS);
							postIds.put(item.postId(), post.id());
							mappings.add(new MappingRow("post", item.postId(), post.id(), "/posts/" + post.slug(), null));
						}
					}
					return Mono.zip(uniqueSlugs("posts", wantedSlugs(freshPosts)), uniqueSlugs("pages", wantedSlugs(freshPages)));
				})
				.flatMap(slugs -> {
					List<NewComment> comments = newComments(postIds, freshPosts);
					return allocate(freshPosts.size(), freshPages.size(), comments.size()).flatMap(ids -> {
						for (int i = 0; i < freshPosts.size(); i++) {
							postIds.put(freshPosts.get(i).postId(), ids.posts()[i]);
						}
						return insertPosts(freshPosts, slugs.getT1(), ids.posts())
							.then(Mono.defer(() -> insertPages(freshPages, slugs.getT2(), ids.pages())))
							.then(Mono.defer(() -> insertComments(comments, ids.comments(), postIds)));
					});
				});
		}

		private List<String> wantedSlugs(List<WxrItem> items) {
			return items.stream().map(item -> batch.prepared.get(item.postId()).wantedSlug()).toList();
		}

		private String guid(WxrItem post) {
			return post.guid().isBlank() ? context.siteKey + "/?p=" + post.postId() : post.guid().strip();
		}

		private Mono<Void> insertPosts(List<WxrItem> posts, List<String> slugs, Long[] ids) {
			if (posts.isEmpty()) {
				return Mono.empty();
			}
			changed = true;
			int n = posts.size();
			Rows rows = new Rows(n);
			List<Long> categoryPosts = new ArrayList<>();
			List<Long> categoryIds = new ArrayList<>();
			List<Long> tagPosts = new ArrayList<>();
			List<Long> tagIds = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				WxrItem item = posts.get(i);
				Prepared prepared = batch.prepared.get(item.postId());
				String what = ItemRules.describe(item);
				notesOf(prepared, what);
				String slug = slugs.get(i);
				if (!slug.equals(prepared.wantedSlug())) {
					tally.warn(Reason.SLUG_RENAMED, what, "“" + prepared.wantedSlug()
							+ "” is taken by another post here: it is now “" + slug + "”.");
				}
				long authorId = author(item, what);
				List<String> tagNames = new ArrayList<>();
				Set<Long> seenCategories = new HashSet<>();
				Set<Long> seenTags = new HashSet<>();
				for (WxrItemTerm term : item.terms()) {
					if (term.domain().equals("category")) {
						Long category = context.categoryByNicename.get(term.nicename());
						if (category == null) {
							tally.warn(Reason.CHANGED, what, "Its category “" + term.name()
									+ "” is not among the file's categories: left out.");
						}
						else if (seenCategories.add(category)) {
							categoryPosts.add(ids[i]);
							categoryIds.add(category);
						}
					}
					else if (term.domain().equals("post_tag")) {
						Long tag = context.tagBySlug.get(term.nicename());
						if (tag == null) {
							tally.warn(Reason.CHANGED, what, "Its tag “" + term.name()
									+ "” is not among the file's tags: left out.");
						}
						else if (seenTags.add(tag)) {
							tagPosts.add(ids[i]);
							tagIds.add(tag);
							tagNames.add(term.name());
						}
					}
				}
				Instant published = prepared.publishedAt();
				PostStatus status = prepared.status();
				rows.ids[i] = ids[i];
				rows.text("guid")[i] = guid(item);
				rows.text("slug")[i] = slug;
				rows.text("title")[i] = prepared.title();
				rows.text("excerpt")[i] = prepared.body().excerpt();
				rows.flag("custom_excerpt")[i] = prepared.customExcerpt();
				rows.text("markdown")[i] = prepared.markdown();
				rows.text("html")[i] = prepared.body().html();
				rows.text("text")[i] = prepared.body().text();
				rows.number("minutes")[i] = prepared.body().readingMinutes();
				rows.text("status")[i] = status.name();
				rows.text("published_at")[i] = published == null ? null : published.toString();
				rows.text("created_at")[i] = prepared.createdAt().toString();
				rows.text("updated_at")[i] = prepared.updatedAt().toString();
				// WordPress announced its published posts long ago: marked announced, so nobody is mailed for them.
				rows.text("announced_at")[i] = status == PostStatus.PUBLISHED ? published.toString() : null;
				rows.longs("author_id")[i] = authorId;
				rows.flag("featured")[i] = item.sticky();
				rows.text("tag_names")[i] = String.join(" ", tagNames);
				rows.text("review_at")[i] = item.status().equalsIgnoreCase("pending") ? prepared.updatedAt().toString()
						: null;
				String thumbnail = item.meta("_thumbnail_id").strip();
				Long cover = thumbnail.matches("[0-9]{1,18}") ? Long.valueOf(thumbnail) : null;
				String path = "/posts/" + slug;
				mappings.add(new MappingRow("post", item.postId(), ids[i], path, cover));
				addresses.addAll(OldAddresses.ofPost(context.site, item, path));
				if (status != PostStatus.DRAFT) {
					YearMonth month = OldAddresses.monthOf(item);
					if (month != null && context.months.add(month)) {
						addresses.addAll(OldAddresses.ofMonth(context.site, month));
					}
					if (month != null && context.years.add(Year.of(month.getYear()))) {
						addresses.addAll(OldAddresses.ofYear(context.site, Year.of(month.getYear())));
					}
				}
				tally.imported(ImportTally.POSTS);
			}
			return database.sql("""
					INSERT INTO posts (id, guid, slug, title, excerpt, custom_excerpt, body_markdown, body_html, body_text,
					    reading_minutes, status, published_at, created_at, updated_at, announced_at, author_id, featured,
					    tag_names, email_subscribers, review_requested_at)
					SELECT u.id, u.guid, u.slug, u.title, u.excerpt, u.custom_excerpt, u.markdown, u.html, u.text, u.minutes,
					    u.status, u.published_at::timestamptz, u.created_at::timestamptz, u.updated_at::timestamptz,
					    u.announced_at::timestamptz, u.author_id, u.featured, u.tag_names, false, u.review_at::timestamptz
					FROM unnest(:ids::bigint[], :guid::text[], :slug::text[], :title::text[], :excerpt::text[],
					    :custom_excerpt::boolean[], :markdown::text[], :html::text[], :text::text[], :minutes::integer[],
					    :status::text[], :published_at::text[], :created_at::text[], :updated_at::text[],
					    :announced_at::text[], :author_id::bigint[], :featured::boolean[], :tag_names::text[],
					    :review_at::text[])
					    AS u(id, guid, slug, title, excerpt, custom_excerpt, markdown, html, text, minutes, status,
					    published_at, created_at, updated_at, announced_at, author_id, featured, tag_names, review_at)""")
				.bind("ids", rows.ids)
				.bind("guid", rows.text("guid"))
				.bind("slug", rows.text("slug"))
				.bind("title", rows.text("title"))
				.bind("excerpt", rows.text("excerpt"))
				.bind("custom_excerpt", rows.flag("custom_excerpt"))
				.bind("markdown", rows.text("markdown"))
				.bind("html", rows.text("html"))
				.bind("text", rows.text("text"))
				.bind("minutes", rows.number("minutes"))
				.bind("status", rows.text("status"))
				.bind("published_at", rows.text("published_at"))
				.bind("created_at", rows.text("created_at"))
				.bind("updated_at", rows.text("updated_at"))
				.bind("announced_at", rows.text("announced_at"))
				.bind("author_id", rows.longs("author_id"))
				.bind("featured", rows.flag("featured"))
				.bind("tag_names", rows.text("tag_names"))
				.bind("review_at", rows.text("review_at"))
				.fetch()
				.rowsUpdated()
				.then(pairs("post_categories", "category_id", categoryPosts, categoryIds))
				.then(pairs("post_tags", "tag_id", tagPosts, tagIds));
		}

		private Mono<Void> pairs(String table, String column, List<Long> posts, List<Long> terms) {
			if (posts.isEmpty()) {
				return Mono.empty();
			}
			return database.sql("INSERT INTO " + table + " (post_id, " + column + ") SELECT * FROM unnest(:posts::bigint[], "
					+ ":terms::bigint[]) ON CONFLICT DO NOTHING")
				.bind("posts", posts.toArray(Long[]::new))
				.bind("terms", terms.toArray(Long[]::new))
				.fetch()
				.rowsUpdated()
				.then();
		}

		private void notesOf(Prepared prepared, String what) {
			for (Map.Entry<Reason, String> note : prepared.notes()) {
				tally.warn(note.getKey(), what, note.getValue());
			}
		}

		private long author(WxrItem item, String what) {
			Long author = context.authorByLogin.get(item.creator());
			if (author != null) {
				return author;
			}
			Long fallback = context.fallbackAuthor != null ? context.fallbackAuthor
					: context.authorByLogin.values().stream().findFirst().orElse(null);
			if (fallback == null) {
				throw new ImportProblem("The file names no authors, and this blog has no admin to credit "
						+ what + " to.", null);
			}
			tally.warn(Reason.CHANGED, what, "Its author “" + item.creator()
					+ "” is not among the file's authors: credited to the member of staff importing it.");
			return fallback;
		}

		private Mono<Void> insertPages(List<WxrItem> pages, List<String> slugs, Long[] ids) {
			if (pages.isEmpty()) {
				return Mono.empty();
			}
			changed = true;
			int n = pages.size();
			Rows rows = new Rows(n);
			for (int i = 0; i < n; i++) {
				WxrItem item = pages.get(i);
				Prepared prepared = batch.prepared.get(item.postId());
				String what = ItemRules.describe(item);
				notesOf(prepared, what);
				String slug = slugs.get(i);
				if (!slug.equals(prepared.wantedSlug())) {
					tally.warn(Reason.SLUG_RENAMED, what, "“" + prepared.wantedSlug()
							+ "” is taken by another page here: it is now “" + slug + "”.");
				}
				rows.ids[i] = ids[i];
				rows.text("slug")[i] = slug;
				rows.text("title")[i] = prepared.title();
				rows.text("markdown")[i] = prepared.markdown();
				rows.text("html")[i] = prepared.body().html();
				rows.text("status")[i] = prepared.status() == PostStatus.PUBLISHED ? "PUBLISHED" : "DRAFT";
				rows.longs("author_id")[i] = author(item, what);
				rows.text("created_at")[i] = prepared.createdAt().toString();
				rows.text("updated_at")[i] = prepared.updatedAt().toString();
				String path = "/pages/" + slug;
				mappings.add(new MappingRow("page", item.postId(), ids[i], path, null));
				addresses.addAll(OldAddresses.ofPage(context.site, item, path));
				tally.imported(ImportTally.PAGES);
			}
			return database.sql("""
					INSERT INTO pages (id, slug, title, body_markdown, body_html, status, author_id, created_at, updated_at)
					SELECT u.id, u.slug, u.title, u.markdown, u.html, u.status, u.author_id, u.created_at::timestamptz,
					    u.updated_at::timestamptz
					FROM unnest(:ids::bigint[], :slug::text[], :title::text[], :markdown::text[], :html::text[],
					    :status::text[], :author_id::bigint[], :created_at::text[], :updated_at::text[])
					    AS u(id, slug, title, markdown, html, status, author_id, created_at, updated_at)""")
				.bind("ids", rows.ids)
				.bind("slug", rows.text("slug"))
				.bind("title", rows.text("title"))
				.bind("markdown", rows.text("markdown"))
				.bind("html", rows.text("html"))
				.bind("status", rows.text("status"))
				.bind("author_id", rows.longs("author_id"))
				.bind("created_at", rows.text("created_at"))
				.bind("updated_at", rows.text("updated_at"))
				.fetch()
				.rowsUpdated()
				.then();
		}

		/** The comments of this batch's posts not imported before; pingbacks are skipped here, with the reason. */
		private List<NewComment> newComments(Map<Long, Long> postIds, List<WxrItem> freshPosts) {
			List<NewComment> comments = new ArrayList<>();
			for (WxrItem post : batch.posts) {
				for (WxrComment comment : post.comments()) {
					if (batch.mapped("comment", comment.id()) != null) {
						tally.already(ImportTally.COMMENTS);
					}
					else if (ItemRules.isPingback(comment)) {
						tally.skipped(ImportTally.COMMENTS, Reason.PINGBACK, ImportBatch.describe(comment, post),
								"A " + comment.type().strip() + " from another site, not a comment people wrote.");
					}
					else {
						comments.add(new NewComment(post, comment));
					}
				}
			}
			return comments;
		}

		private Mono<Void> insertComments(List<NewComment> comments, Long[] ids, Map<Long, Long> postIds) {
			if (comments.isEmpty()) {
				return Mono.empty();
			}
			changed = true;
			Map<Long, Long> local = new HashMap<>();
			for (int i = 0; i < comments.size(); i++) {
				local.put(comments.get(i).comment().id(), ids[i]);
			}
			int n = comments.size();
			Rows rows = new Rows(n);
			for (int i = 0; i < n; i++) {
				WxrItem post = comments.get(i).post();
				WxrComment comment = comments.get(i).comment();
				String what = ImportBatch.describe(comment, post);
				Long parent = null;
				if (comment.parent() > 0) {
					parent = local.get(comment.parent());
					Mapped earlier = batch.mapped("comment", comment.parent());
					if (parent == null && earlier != null) {
						parent = earlier.localId();
					}
					if (parent == null) {
						tally.warn(Reason.MISSING_PARENT, what, "It answers comment " + comment.parent()
								+ ", which is not in the file (or was not imported): shown at the top level.");
					}
				}
				Instant at = ItemRules.commentTime(comment).orElse(null);
				if (at == null) {
					Prepared prepared = batch.prepared.get(post.postId());
					at = prepared != null ? prepared.createdAt() : ItemRules.created(post, clock.instant());
					tally.warn(Reason.IMPOSSIBLE_DATE, what, "Its date “" + comment.dateGmt()
							+ "” (GMT) cannot be: dated with its post.");
				}
				CommentStatus status = ItemRules.commentStatus(comment);
				rows.ids[i] = ids[i];
				rows.longs("post_id")[i] = postIds.get(post.postId());
				rows.longs("parent_id")[i] = parent;
				rows.text("name")[i] = comment.author().isBlank() ? "Anonymous" : comment.author().strip();
				rows.text("email")[i] = comment.authorEmail().strip();
				rows.text("website")[i] = comment.authorUrl().isBlank() ? null : comment.authorUrl().strip();
				rows.text("body")[i] = ItemRules.commentText(comment.content());
				rows.text("status")[i] = status.name();
				rows.longs("user_id")[i] = comment.userId() > 0 ? context.userByWordPressId.get(comment.userId()) : null;
				rows.text("address")[i] = comment.authorIp().isBlank() ? null : comment.authorIp().strip();
				rows.text("created_at")[i] = at.toString();
				mappings.add(new MappingRow("comment", comment.id(), ids[i], null, null));
				tally.imported(ImportTally.COMMENTS);
			}
			return database.sql("""
					INSERT INTO comments (id, post_id, parent_id, author_name, author_email, author_website, body, status,
					    user_id, client_address, created_at)
					SELECT u.id, u.post_id, u.parent_id, u.name, u.email, u.website, u.body, u.status, u.user_id, u.address,
					    u.created_at::timestamptz
					FROM unnest(:ids::bigint[], :post_id::bigint[], :parent_id::bigint[], :name::text[], :email::text[],
					    :website::text[], :body::text[], :status::text[], :user_id::bigint[], :address::text[],
					    :created_at::text[])
					    AS u(id, post_id, parent_id, name, email, website, body, status, user_id, address, created_at)""")
				.bind("ids", rows.ids)
				.bind("post_id", rows.longs("post_id"))
				.bind("parent_id", rows.longs("parent_id"))
				.bind("name", rows.text("name"))
				.bind("email", rows.text("email"))
				.bind("website", rows.text("website"))
				.bind("body", rows.text("body"))
				.bind("status", rows.text("status"))
				.bind("user_id", rows.longs("user_id"))
				.bind("address", rows.text("address"))
				.bind("created_at", rows.text("created_at"))
				.fetch()
				.rowsUpdated()
				.then();
		}

		/** Ids for the rows to insert, from their tables' sequences, so parents and children go in one statement. */
		private Mono<Ids> allocate(int posts, int pages, int comments) {
			if (posts + pages + comments == 0) {
				return Mono.just(new Ids(new Long[0], new Long[0], new Long[0]));
			}
			return database.sql("""
					SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('posts', 'id')) FROM generate_series(1, :posts)) AS posts,
					       ARRAY(SELECT nextval(pg_get_serial_sequence('pages', 'id')) FROM generate_series(1, :pages)) AS pages,
					       ARRAY(SELECT nextval(pg_get_serial_sequence('comments', 'id')) FROM generate_series(1, :comments)) AS comments""")
				.bind("posts", posts)
				.bind("pages", pages)
				.bind("comments", comments)
				.map((row, meta) -> new Ids(row.get("posts", Long[].class), row.get("pages", Long[].class),
						row.get("comments", Long[].class)))
				.one();
		}

		// Attachments -----------------------------------------------------------------------------------------------

		private Mono<Void> attachments() {
			List<WxrItem> fresh = new ArrayList<>();
			for (WxrItem attachment : batch.attachments) {
				if (batch.mapped("attachment", attachment.postId()) != null) {
					tally.already(ImportTally.ATTACHMENTS);
				}
				else {
					fresh.add(attachment);
				}
			}
			if (fresh.isEmpty()) {
				return Mono.empty();
			}
			// The posts they belong to, read here rather than before: they may be in the batch committed just now.
			Long[] parents = fresh.stream().map(WxrItem::postParent).filter(id -> id > 0).distinct().toArray(Long[]::new);
			return database.sql("SELECT wp_id, local_path FROM wordpress_items WHERE site = :site AND kind = 'post' "
					+ "AND wp_id = ANY(:ids)")
				.bind("site", context.siteKey)
				.bind("ids", parents)
				.map((row, meta) -> Map.entry(row.get("wp_id", Long.class), row.get("local_path", String.class)))
				.all()
				.collectMap(Map.Entry::getKey, Map.Entry::getValue)
				.doOnNext(posts -> {
					// A post written in this very batch has no mapping row yet (those are written after this step).
					for (MappingRow row : mappings) {
						if (row.kind().equals("post") && row.localPath() != null) {
							posts.putIfAbsent(row.wordPressId(), row.localPath());
						}
					}
					for (WxrItem attachment : fresh) {
						String url = attachment.attachmentUrl().strip();
						String stored = batch.media.get(url);
						mappings.add(new MappingRow("attachment", attachment.postId(), null, stored != null ? stored : url,
								null));
						tally.imported(ImportTally.ATTACHMENTS);
						String why = batch.mediaMissing.get(url);
						if (stored == null && why != null) {
							tally.warn(Reason.MISSING_MEDIA, ItemRules.describe(attachment), url + " — " + why);
						}
						// The attachment's page goes to its file here, or else to the post it belongs to.
						String target = stored != null ? stored : posts.get(attachment.postParent());
						if (target != null) {
							addresses.addAll(OldAddresses.ofAttachment(context.site, attachment, target));
						}
					}
				})
				.then();
		}

		// Mapping, old addresses, report -----------------------------------------------------------------------------

		private Mono<Void> mappingRows() {
			if (mappings.isEmpty()) {
				return Mono.empty();
			}
			int n = mappings.size();
			String[] kinds = new String[n];
			Long[] wordPressIds = new Long[n];
			Long[] localIds = new Long[n];
			String[] paths = new String[n];
			Long[] covers = new Long[n];
			for (int i = 0; i < n; i++) {
				MappingRow row = mappings.get(i);
				kinds[i] = row.kind();
				wordPressIds[i] = row.wordPressId();
				localIds[i] = row.localId();
				paths[i] = row.localPath();
				covers[i] = row.coverWordPressId();
			}
			return database.sql("""
					INSERT INTO wordpress_items (site, kind, wp_id, local_id, local_path, cover_wp_id)
					SELECT :site, * FROM unnest(:kinds::text[], :ids::bigint[], :locals::bigint[], :paths::text[],
					    :covers::bigint[])
					ON CONFLICT (site, kind, wp_id) DO NOTHING""")
				.bind("site", context.siteKey)
				.bind("kinds", kinds)
				.bind("ids", wordPressIds)
				.bind("locals", localIds)
				.bind("paths", paths)
				.bind("covers", covers)
				.fetch()
				.rowsUpdated()
				.then();
		}

		private Mono<Void> oldAddresses() {
			if (!context.siteAddressesKept) {
				context.siteAddressesKept = true;
				addresses.addAll(OldAddresses.ofSite(context.site));
			}
			return addresses.isEmpty() ? Mono.empty() : redirects.keep(addresses).then();
		}

		private Mono<Void> report() {
			context.itemsDone += batch.entries;
			return runs.notes(context.runId, tally.takeBatchNotes())
				.then(runs.counts(context.runId, tally.counts()))
				.then(runs.progress(context.runId, context.progress(), tally.leftOut()))
				// Once per batch, not per row: every cache drops what it holds, and no hub is pinged per post.
				.then(changed ? changes.announce(new ContentChange("import", context.runId)) : Mono.empty());
		}
	}

	/** The slug itself when free, else the first free "slug-2", "slug-3", …; for a whole batch in two queries. */
	Mono<List<String>> uniqueSlugs(String table, List<String> wanted) {
		if (wanted.isEmpty()) {
			return Mono.just(List.of());
		}
		return database.sql("SELECT slug FROM " + table + " WHERE slug = ANY(:slugs)")
			.bind("slugs", wanted.toArray(String[]::new))
			.map((row, meta) -> row.get("slug", String.class))
			.all()
			.collect(HashSet<String>::new, Set::add)
			.flatMap(taken -> {
				Set<String> seen = new HashSet<>();
				Set<String> clashing = new LinkedHashSet<>();
				for (String slug : wanted) {
					if (taken.contains(slug) || !seen.add(slug)) {
						clashing.add(slug);
					}
				}
				if (clashing.isEmpty()) {
					return Mono.just(wanted);
				}
				return database.sql("SELECT slug FROM " + table + " WHERE slug LIKE ANY(:prefixes)")
					.bind("prefixes", clashing.stream().map(slug -> slug + "-%").toArray(String[]::new))
					.map((row, meta) -> row.get("slug", String.class))
					.all()
					.collect(() -> taken, Set::add)
					.map(all -> {
						Set<String> used = new HashSet<>(all);
						List<String> unique = new ArrayList<>();
						for (String slug : wanted) {
							String chosen = slug;
							int suffix = 2;
							while (used.contains(chosen)) {
								chosen = slug + "-" + suffix++;
							}
							used.add(chosen);
							unique.add(chosen);
						}
						return unique;
					});
			});
	}

	private static String displayName(WxrAuthor author) {
		if (!author.displayName().isBlank()) {
			return author.displayName().strip();
		}
		String name = (author.firstName() + " " + author.lastName()).strip();
		return name.isEmpty() ? author.login() : name;
	}

	/** An account, or (reused for a post) id, guid and slug. */
	private record Account(long id, String email, String slug) {
	}

	private record Term(long id, String slug, boolean created) {
	}

	private record NewComment(WxrItem post, WxrComment comment) {
	}

	private record Ids(Long[] posts, Long[] pages, Long[] comments) {
	}

	private record MappingRow(String kind, long wordPressId, Long localId, String localPath, Long coverWordPressId) {
	}

	/** Column arrays for one multi-row INSERT, by column name. */
	private static final class Rows {

		final Long[] ids;

		private final int size;

		private final Map<String, Object[]> columns = new HashMap<>();

		Rows(int size) {
			this.size = size;
			this.ids = new Long[size];
		}

		String[] text(String name) {
			return (String[]) columns.computeIfAbsent(name, key -> new String[size]);
		}

		Long[] longs(String name) {
			return (Long[]) columns.computeIfAbsent(name, key -> new Long[size]);
		}

		Integer[] number(String name) {
			return (Integer[]) columns.computeIfAbsent(name, key -> new Integer[size]);
		}

		Boolean[] flag(String name) {
			return (Boolean[]) columns.computeIfAbsent(name, key -> new Boolean[size]);
		}
	}
}
