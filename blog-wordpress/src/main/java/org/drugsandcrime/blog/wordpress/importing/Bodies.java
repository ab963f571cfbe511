package org.drugsandcrime.blog.wordpress.importing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The one place the import turns a WordPress body into ours. Stand-in until the body converter
 * ({@code wordpress.body.WordPressBodies}) lands: the HTML is kept as HTML blocks, images moved to their new
 * addresses, and blank lines make paragraphs.
 */
final class Bodies {

	private Bodies() {
	}

	record Converted(String markdown, List<String> unknownShortcodes, List<String> keptImageAddresses,
			List<Long> missingAttachmentIds) {
	}

	static Set<String> imageAddresses(String content) {
		Set<String> addresses = new LinkedHashSet<>();
		if (content == null || !content.contains("<img")) {
			return addresses;
		}
		for (Element image : Jsoup.parseBodyFragment(content).select("img[src]")) {
			String source = image.attr("src").strip();
			if (source.startsWith("http://") || source.startsWith("https://")) {
				addresses.add(source);
			}
		}
		return addresses;
	}

	static List<Long> galleryAttachmentIds(String content) {
		return List.of();
	}

	static Converted convert(String content, Function<String, String> newImageAddress,
			LongFunction<String> attachmentAddress) {
		String text = content == null ? "" : content.replace("\r\n", "\n");
		List<String> kept = new ArrayList<>();
		if (text.contains("<img")) {
			Document document = Jsoup.parseBodyFragment(text);
			document.outputSettings().prettyPrint(false);
			for (Element image : document.select("img[src]")) {
				String source = image.attr("src").strip();
				String moved = newImageAddress.apply(source);
				if (moved != null) {
					image.attr("src", moved);
				}
				else {
					kept.add(source);
				}
			}
			text = document.body().html();
		}
		StringBuilder markdown = new StringBuilder();
		for (String paragraph : text.split("\n\\s*\n")) {
			if (!paragraph.isBlank()) {
				markdown.append("<p>").append(paragraph.strip().replace("\n", "<br>\n")).append("</p>\n\n");
			}
		}
		return new Converted(markdown.toString(), List.of(), kept, List.of());
	}
}
