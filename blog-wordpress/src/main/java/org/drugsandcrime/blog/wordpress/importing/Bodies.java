package org.drugsandcrime.blog.wordpress.importing;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.drugsandcrime.blog.wordpress.body.ConvertedBody;
import org.drugsandcrime.blog.wordpress.body.WordPressBodies;

/** The one place the import asks the body converter: what a WordPress body becomes here, and its images. */
final class Bodies {

	private Bodies() {
	}

	static Set<String> imageAddresses(String content) {
		return WordPressBodies.imageAddresses(content);
	}

	static List<Long> galleryAttachmentIds(String content) {
		return WordPressBodies.galleryAttachmentIds(content);
	}

	static ConvertedBody convert(String content, Function<String, String> newImageAddress,
			LongFunction<String> attachmentAddress) {
		return WordPressBodies.convert(content, newImageAddress, attachmentAddress);
	}
}
