package org.drugsandcrime.blog.wordpress.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.render.RenderedBody;
import org.drugsandcrime.blog.wordpress.importing.ImportReport.Reason;
import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrComment;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;
import org.drugsandcrime.blog.wordpress.wxr.WxrTerm;

/**
 * One batch of entries, sorted by what they become, and what the batch learns on its way to its transaction:
 * what was imported before, the images stored, the bodies rendered. Held only while the batch is written.
 */
final class ImportBatch {

	final int entries;

	final List<WxrAuthor> authors = new ArrayList<>();

	final List<WxrCategory> categories = new ArrayList<>();

	final List<WxrTag> tags = new ArrayList<>();

	final List<WxrItem> posts = new ArrayList<>();

	final List<WxrItem> pages = new ArrayList<>();

	final List<WxrItem> attachments = new ArrayList<>();

	/** What was imported before, by {@link #key(String, long)}. */
	Map<String, Mapped> mapped = Map.of();

	/** Old image addresses of this batch's bodies and attachments, to their address here. */
	final Map<String, String> media = new HashMap<>();

	/** Why an image below the uploads kept its old address, by address. */
	final Map<String, String> mediaMissing = new HashMap<>();

	/** New posts and pages, their bodies rendered. */
	final Map<Long, Prepared> prepared = new HashMap<>();

	/** Set on the marker that takes the file's failure past the batches read before it; null on a real batch. */
	final Throwable failure;

	private ImportBatch(int entries, Throwable failure) {
		this.entries = entries;
		this.failure = failure;
	}

	/**
	 * The place in the stream of batches where the file broke: the batches before it are still committed, in order,
	 * and the run fails when it reaches this one.
	 */
	static ImportBatch failed(Throwable failure) {
		return new ImportBatch(0, failure);
	}

	/** Sorts the entries; counts what the file holds and skips what has no place here, with the reason. */
	static ImportBatch of(List<WxrEntry> entries, ImportContext context) {
		ImportBatch batch = new ImportBatch(entries.size(), null);
		ImportTally tally = context.tally;
		for (WxrEntry entry : entries) {
			if (entry instanceof WxrSite site) {
				context.site(site);
			}
			else if (entry instanceof WxrAuthor author) {
				tally.inFile(ImportTally.AUTHORS);
				batch.authors.add(author);
			}
			else if (entry instanceof WxrCategory category) {
				tally.inFile(ImportTally.CATEGORIES);
				batch.categories.add(category);
			}
			else if (entry instanceof WxrTag tag) {
				tally.inFile(ImportTally.TAGS);
				batch.tags.add(tag);
			}
			else if (entry instanceof WxrTerm term) {
				tally.inFile(ImportTally.OTHER_TERMS);
				tally.skipped(ImportTally.OTHER_TERMS, Reason.UNSUPPORTED, term.taxonomy() + " “" + term.name() + "”",
						"The blog has no " + term.taxonomy() + ".");
			}
			else if (entry instanceof WxrItem item) {
				batch.sort(item, tally);
			}
		}
		return batch;
	}

	private void sort(WxrItem item, ImportTally tally) {
		String type = item.postType().toLowerCase(Locale.ROOT);
		String status = item.status().toLowerCase(Locale.ROOT);
		item.comments().forEach(comment -> tally.inFile(ImportTally.COMMENTS));
		switch (type) {
			case "post" -> {
				tally.inFile(ImportTally.POSTS);
				if (status.equals("trash")) {
					tally.skipped(ImportTally.POSTS, Reason.TRASHED, ItemRules.describe(item), "");
					skipComments(item, tally, "Its post was in WordPress's trash.");
				}
				else {
					posts.add(item);
				}
			}
			case "page" -> {
				tally.inFile(ImportTally.PAGES);
				if (status.equals("trash")) {
					tally.skipped(ImportTally.PAGES, Reason.TRASHED, ItemRules.describe(item), "");
				}
				else {
					pages.add(item);
				}
				skipComments(item, tally, "Pages here take no comments.");
			}
			case "attachment" -> {
				tally.inFile(ImportTally.ATTACHMENTS);
				attachments.add(item);
				skipComments(item, tally, "Attachments here take no comments.");
			}
			default -> {
				tally.inFile(ImportTally.OTHER_ITEMS);
				tally.skipped(ImportTally.OTHER_ITEMS, Reason.UNSUPPORTED, ItemRules.describe(item),
						"The blog has no place for a WordPress " + item.postType() + ".");
				skipComments(item, tally, "Its " + item.postType() + " was not imported.");
			}
		}
	}

	private static void skipComments(WxrItem item, ImportTally tally, String why) {
		for (WxrComment comment : item.comments()) {
			tally.skipped(ImportTally.COMMENTS, Reason.NO_POST, describe(comment, item), why);
		}
	}

	static String describe(WxrComment comment, WxrItem item) {
		return "comment " + comment.id() + " by " + (comment.author().isBlank() ? "someone" : comment.author().strip())
				+ " on " + ItemRules.describe(item);
	}

	boolean isEmpty() {
		return authors.isEmpty() && categories.isEmpty() && tags.isEmpty() && posts.isEmpty() && pages.isEmpty()
				&& attachments.isEmpty();
	}

	Mapped mapped(String kind, long wordPressId) {
		return mapped.get(key(kind, wordPressId));
	}

	static String key(String kind, long wordPressId) {
		return kind + ":" + wordPressId;
	}

	/** A row of wordpress_items. */
	record Mapped(long localId, String localPath) {
	}

	/**
	 * A new post or page, ready to insert: its status, dates and rendered body.
	 *
	 * @param notes warnings to report about it: (reason, detail) pairs
	 */
	record Prepared(WxrItem item, String title, String wantedSlug, PostStatus status, Instant publishedAt,
			Instant createdAt, Instant updatedAt, String markdown, RenderedBody body, boolean customExcerpt,
			List<Map.Entry<Reason, String>> notes) {
	}
}
