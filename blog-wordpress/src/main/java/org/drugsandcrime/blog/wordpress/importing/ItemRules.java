package org.drugsandcrime.blog.wordpress.importing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.wordpress.wxr.WxrComment;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrTime;

/** How a WordPress field becomes ours: statuses, dates, slugs, titles and comment text. Pure functions. */
final class ItemRules {

	static final String UNTITLED = "(no title)";

	private ItemRules() {
	}

	/**
	 * A post's status and date here. WordPress's publish and future need a date; without a possible one the post
	 * becomes a draft (and the caller reports it). Private and password-protected posts are drafts: this blog has no
	 * way to keep them from readers otherwise.
	 */
	static Dated dated(WxrItem item) {
		Optional<Instant> gmt = WxrTime.gmt(item.postDateGmt());
		String status = item.status().toLowerCase(Locale.ROOT);
		boolean protectedByPassword = !item.password().isBlank();
		return switch (status) {
			case "publish", "future" -> {
				if (gmt.isEmpty()) {
					yield new Dated(PostStatus.DRAFT, null, "WordPress gives it the impossible date “"
							+ item.postDateGmt() + "” (GMT): imported as a draft without a date.");
				}
				if (protectedByPassword) {
					yield new Dated(PostStatus.DRAFT, null,
							"Protected by a password on WordPress: imported as a draft, so that it stays unseen.");
				}
				yield new Dated(status.equals("publish") ? PostStatus.PUBLISHED : PostStatus.SCHEDULED, gmt.get(), null);
			}
			case "private" -> new Dated(PostStatus.DRAFT, null, "Private on WordPress: imported as a draft.");
			default -> new Dated(PostStatus.DRAFT, null, null);
		};
	}

	/**
	 * @param note for the report when the item is imported differently from the file, else null
	 */
	record Dated(PostStatus status, Instant publishedAt, String note) {

		boolean impossibleDate() {
			return note != null && note.startsWith("WordPress gives it the impossible date");
		}
	}

	/** When the item was first written: its GMT date, else its last change, else {@code otherwise}. */
	static Instant created(WxrItem item, Instant otherwise) {
		return WxrTime.gmt(item.postDateGmt()).or(() -> WxrTime.gmt(item.modifiedGmt())).orElse(otherwise);
	}

	static Instant updated(WxrItem item, Instant created) {
		return WxrTime.gmt(item.modifiedGmt()).filter(modified -> !modified.isBefore(created)).orElse(created);
	}

	/**
	 * The slug WordPress gave it, decoded (WordPress percent-encodes letters outside ASCII) and in the shape of our
	 * slugs; from the title when WordPress gave none (drafts).
	 */
	static String slug(WxrItem item, String fallback) {
		String fromName = Slugs.fromTitle(decoded(item.postName()), "");
		return fromName.isEmpty() ? Slugs.fromTitle(item.title(), fallback) : fromName;
	}

	/** A term's slug: WordPress's nicename decoded, else from its name. */
	static String termSlug(String nicename, String name, String fallback) {
		String fromName = Slugs.fromTitle(decoded(nicename), "");
		return fromName.isEmpty() ? Slugs.fromTitle(name, fallback) : fromName;
	}

	static String decoded(String value) {
		if (value == null || value.indexOf('%') < 0) {
			return value == null ? "" : value;
		}
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A stray % that starts no escape: the name as it is still makes a slug.
			return value;
		}
	}

	static String title(WxrItem item) {
		String title = item.title() == null ? "" : item.title().strip();
		if (title.isEmpty()) {
			return UNTITLED;
		}
		return title.length() > PostEditing.MAX_TITLE_LENGTH ? title.substring(0, PostEditing.MAX_TITLE_LENGTH).strip()
				: title;
	}

	/** A hand-written excerpt as plain text (WordPress allows HTML in it), or blank. */
	static String excerpt(WxrItem item) {
		String excerpt = item.excerpt();
		if (excerpt == null || excerpt.isBlank()) {
			return "";
		}
		return excerpt.indexOf('<') < 0 && excerpt.indexOf('&') < 0 ? excerpt.strip()
				: Jsoup.parseBodyFragment(excerpt).text().strip();
	}

	/** WordPress's 1, 0, spam and trash. Anything else waits for a moderator, as a new comment does. */
	static CommentStatus commentStatus(WxrComment comment) {
		return switch (comment.approved().strip().toLowerCase(Locale.ROOT)) {
			case "1", "approve", "approved" -> CommentStatus.APPROVED;
			case "spam" -> CommentStatus.SPAM;
			case "trash", "post-trashed" -> CommentStatus.TRASH;
			default -> CommentStatus.PENDING;
		};
	}

	/** Pingbacks and trackbacks are notices from other sites, not comments people wrote: not imported. */
	static boolean isPingback(WxrComment comment) {
		String type = comment.type().strip().toLowerCase(Locale.ROOT);
		return type.equals("pingback") || type.equals("trackback");
	}

	/**
	 * A comment's text as our comments keep it: plain text, paragraphs apart by a blank line (readers' comments are
	 * turned into safe HTML when shown). WordPress kept a few tags in comments; a link keeps its address in brackets
	 * so nothing the commenter pointed at is lost.
	 */
	static String commentText(String content) {
		if (content == null) {
			return "";
		}
		if (content.indexOf('<') < 0 && content.indexOf('&') < 0) {
			return content.replace("\r\n", "\n").strip();
		}
		Document document = Jsoup.parseBodyFragment(content.replace("\r\n", "\n"));
		StringBuilder text = new StringBuilder();
		appendText(document.body(), text);
		return text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

	private static void appendText(Node node, StringBuilder text) {
		for (Node child : node.childNodes()) {
			if (child instanceof TextNode textNode) {
				text.append(textNode.getWholeText());
			}
			else if (child instanceof Element element) {
				String tag = element.normalName();
				if (tag.equals("br")) {
					text.append('\n');
					continue;
				}
				boolean block = tag.equals("p") || tag.equals("blockquote") || tag.equals("div") || tag.equals("li")
						|| tag.equals("pre");
				if (block && text.length() > 0) {
					text.append("\n\n");
				}
				appendText(element, text);
				if (tag.equals("a")) {
					String href = element.attr("href").strip();
					if (!href.isEmpty() && !href.equals(element.text().strip())) {
						text.append(" (").append(href).append(')');
					}
				}
				if (block) {
					text.append("\n\n");
				}
			}
		}
	}

	/** A comment's time: GMT, else the empty optional (the caller reports it and uses the post's). */
	static Optional<Instant> commentTime(WxrComment comment) {
		return WxrTime.gmt(comment.dateGmt());
	}

	/** Describes an item for the report: “post 12 “Title””. */
	static String describe(WxrItem item) {
		String title = item.title() == null || item.title().isBlank() ? UNTITLED : item.title().strip();
		if (title.length() > 120) {
			title = title.substring(0, 119) + "…";
		}
		return item.postType() + " " + item.postId() + " “" + title + "”";
	}
}
