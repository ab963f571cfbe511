package org.drugsandcrime.blog.wordpress.body;

import java.util.List;

/**
 * A WordPress body as the blog keeps it, and what the import should report about it.
 *
 * @param markdown the body for {@code BodyRenderer}: HTML blocks separated by blank lines, and video addresses alone
 *        in their own paragraph so that they become the player
 * @param unknownShortcodes names of shortcodes the blog cannot show, each once, in order of appearance; they are
 *        kept as text. Gutenberg blocks WordPress drew when showing the page ({@code <!-- wp:latest-posts /-->}), whose
 *        content is not in the export, are listed as {@code wp:latest-posts}.
 * @param keptImageAddresses image addresses left as they were because the import had no new address for them
 * @param missingAttachmentIds ids of {@code [gallery]} images with no address
 */
public record ConvertedBody(String markdown, List<String> unknownShortcodes, List<String> keptImageAddresses,
		List<Long> missingAttachmentIds) {

	public ConvertedBody {
		unknownShortcodes = List.copyOf(unknownShortcodes);
		keptImageAddresses = List.copyOf(keptImageAddresses);
		missingAttachmentIds = List.copyOf(missingAttachmentIds);
	}
}
