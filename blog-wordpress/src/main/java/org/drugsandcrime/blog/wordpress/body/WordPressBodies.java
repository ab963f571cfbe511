package org.drugsandcrime.blog.wordpress.body;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A WordPress body ({@code content:encoded}) as the blog keeps it, looking as it did on WordPress:
 * <ul>
 * <li>Gutenberg block comments removed, their content kept; a classic-editor body through WordPress's own autop
 * (blank lines make paragraphs, single newlines line breaks), which WordPress skips for block bodies;</li>
 * <li>{@code [caption]} a figure with its caption, {@code [gallery ids="..."]} a figure of its images,
 * {@code [embed]}, embed blocks and a video address alone on a line the address alone in a paragraph, which
 * blog-core's {@code VideoEmbeds} makes the player; other shortcodes kept as text and named;</li>
 * <li>image addresses replaced where the import has the image, kept and named where not.</li>
 * </ul>
 * The result is HTML blocks in Markdown, so {@code BodyRenderer} passes them through and sanitises them as it does
 * every body.
 */
public final class WordPressBodies {

	private static final Pattern ABSOLUTE = Pattern.compile("(?i)^https?://\\S+$");

	private static final Pattern IMAGE_FILE = Pattern.compile("(?i)\\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:[?#].*)?$");

	private WordPressBodies() {
	}

	/** The absolute addresses of the body's images ({@code img src}), in order; gallery ids are not among them. */
	public static Set<String> imageAddresses(String wpContent) {
		Set<String> addresses = new LinkedHashSet<>();
		if (wpContent == null || !wpContent.contains("<img")) {
			return addresses;
		}
		for (Element image : Jsoup.parseBodyFragment(wpContent).select("img[src]")) {
			String source = image.attr("src").strip();
			if (ABSOLUTE.matcher(source).matches()) {
				addresses.add(source);
			}
		}
		return addresses;
	}

	/** The attachment ids the body's {@code [gallery]} shortcodes show, in order, each once. */
	public static List<Long> galleryAttachmentIds(String wpContent) {
		return wpContent == null ? List.of() : Shortcodes.galleryIds(wpContent);
	}

	/**
	 * As {@link #convert(String, Function, LongFunction)} for a site whose attachments are unknown: every gallery
	 * image is reported missing.
	 */
	public static ConvertedBody convert(String wpContent, Function<String, String> newImageAddress) {
		return convert(wpContent, newImageAddress, id -> null);
	}

	/**
	 * @param newImageAddress the new address of an old absolute image address, or null to keep the old one
	 * @param attachmentAddress the address a gallery's attachment id had in the export (its {@code attachment_url}),
	 *        or null when the export has no such attachment; it then goes through {@code newImageAddress} as every
	 *        image does
	 */
	public static ConvertedBody convert(String wpContent, Function<String, String> newImageAddress,
			LongFunction<String> attachmentAddress) {
		String content = wpContent == null ? "" : wpContent.replace("\r\n", "\n").replace('\r', '\n');
		Set<String> unknown = new LinkedHashSet<>();
		boolean blocks = BlockComments.hasBlocks(content);
		if (blocks) {
			content = Embeds.embedBlocks(content);
			content = BlockComments.remove(content, unknown::add);
		}
		Shortcodes.findUnknown(content, unknown::add);
		content = Embeds.embedShortcodes(content);
		content = Embeds.videoAddresses(content);
		if (!blocks) {
			content = Autop.autop(content);
		}
		List<Long> missing = new ArrayList<>();
		content = Shortcodes.replaceKnown(content, attachmentAddress, missing::add);
		Document document = Jsoup.parseBodyFragment(content);
		document.outputSettings().prettyPrint(false);
		List<String> kept = replaceImageAddresses(document, newImageAddress);
		return new ConvertedBody(MarkdownBlocks.write(document), List.copyOf(unknown), kept,
				missing.stream().distinct().toList());
	}

	/**
	 * Image sources the import has a new address for are replaced (their {@code srcset} named the old sizes, so it
	 * goes); links straight to an image file too, so a click on a picture opens the new copy.
	 *
	 * @return the sources kept as they were, each once
	 */
	private static List<String> replaceImageAddresses(Document document, Function<String, String> newImageAddress) {
		Set<String> kept = new LinkedHashSet<>();
		for (Element image : document.select("img[src]")) {
			String source = image.attr("src").strip();
			String replacement = ABSOLUTE.matcher(source).matches() ? newImageAddress.apply(source) : null;
			if (replacement != null) {
				image.attr("src", replacement);
				image.removeAttr("srcset");
				image.removeAttr("sizes");
			}
			else if (!source.isEmpty() && !source.toLowerCase(Locale.ROOT).startsWith("data:")) {
				kept.add(source);
			}
		}
		for (Element link : document.select("a[href]")) {
			String target = link.attr("href").strip();
			if (ABSOLUTE.matcher(target).matches() && IMAGE_FILE.matcher(target).find()) {
				String replacement = newImageAddress.apply(target);
				if (replacement != null) {
					link.attr("href", replacement);
				}
			}
		}
		return List.copyOf(kept);
	}
}
