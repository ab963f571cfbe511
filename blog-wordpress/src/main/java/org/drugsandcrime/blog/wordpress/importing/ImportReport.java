package org.drugsandcrime.blog.wordpress.importing;

import java.util.List;

/**
 * What an import found and did.
 *
 * @param counts one line per type of thing, in the order the file holds them
 * @param skipped what was not imported, with the reason
 * @param warnings what was imported differently from the file, or needs staff to look
 * @param notesLeftOut notes beyond the {@value #NOTES_PER_REASON} kept for each reason (a site without its
 *        uploads would otherwise list every image of ten years)
 */
public record ImportReport(List<Count> counts, List<Note> skipped, List<Note> warnings, long notesLeftOut) {

	public static final int NOTES_PER_REASON = 500;

	public ImportReport {
		counts = List.copyOf(counts);
		skipped = List.copyOf(skipped);
		warnings = List.copyOf(warnings);
	}

	/** The count of one type ("posts"), or zeros when the file held none. */
	public Count count(String type) {
		return counts.stream().filter(count -> count.type().equals(type)).findFirst()
			.orElse(new Count(type, 0, 0, 0, 0));
	}

	/**
	 * @param type in words, plural: authors, categories, tags, other terms, posts, pages, attachments, comments,
	 *        other items
	 * @param inFile how many the file holds
	 * @param imported written by this run
	 * @param already found imported before (a second import, or a run resumed after a stop), left as they are
	 * @param skipped not imported; the reasons are in {@link ImportReport#skipped()}
	 */
	public record Count(String type, long inFile, long imported, long already, long skipped) {
	}

	/**
	 * @param item the thing, in words: “post 123 “Title””, “comment 45 on post 123”
	 * @param detail what happened, for staff
	 */
	public record Note(Reason reason, String item, String detail) {
	}

	public enum Reason {

		/** Skipped: in WordPress's trash. */
		TRASHED("In WordPress's trash"),
		/** Skipped: a kind of item or term the blog has no place for (menus, revisions, custom types). */
		UNSUPPORTED("Nothing here to hold it"),
		/** Skipped: pingbacks and trackbacks are not comments people wrote. */
		PINGBACK("Pingback or trackback"),
		/** Skipped: a comment on something that was not imported as a post. */
		NO_POST("Its post was not imported"),
		/** Warning: a shortcode the body converter does not know, kept as text. */
		UNKNOWN_SHORTCODE("Unknown shortcode kept as text"),
		/** Warning: an image neither found in the uploads given nor stored, kept at its old address. */
		MISSING_MEDIA("Image kept at its old address"),
		/** Warning: a date that cannot be (0000-00-00, 31 February) where one is needed. */
		IMPOSSIBLE_DATE("Impossible date"),
		/** Warning: the slug was taken here by something else. */
		SLUG_RENAMED("Slug renamed"),
		/** Warning: a comment's or category's parent is not in the file; imported at the top level. */
		MISSING_PARENT("Parent missing"),
		/** Warning: something else imported differently from the file (an unknown author, a private post). */
		CHANGED("Imported differently");

		private final String words;

		Reason(String words) {
			this.words = words;
		}

		/** For people: the heading the portal shows the notes under. */
		public String words() {
			return words;
		}
	}
}
