package org.drugsandcrime.blog.core.media;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where uploaded images are kept and how large one may be.
 *
 * @param dir the directory of uploaded files, served by the public site at /media/ ({@code BLOG_MEDIA_DIR})
 * @param maxUploadSize the largest image staff may upload
 * @param maxMegapixels the most pixels (in millions) an image may declare: every browser that shows it decodes them all
 * @param quotaPerAccount how much each member of staff may have uploaded in all (images imported from WordPress
 * do not count)
 */
@ConfigurationProperties("blog.media")
public record MediaProperties(Path dir, DataSize maxUploadSize, Integer maxMegapixels, DataSize quotaPerAccount) {

	public MediaProperties {
		if (dir == null) {
			dir = Path.of(System.getProperty("user.home"), ".blog", "media");
		}
		if (maxUploadSize == null) {
			maxUploadSize = DataSize.ofMegabytes(10);
		}
		if (maxMegapixels == null) {
			maxMegapixels = 50;
		}
		if (quotaPerAccount == null) {
			quotaPerAccount = DataSize.ofGigabytes(1);
		}
		if (maxMegapixels < 1 || quotaPerAccount.isNegative()) {
			throw new IllegalArgumentException("blog.media.max-megapixels must be at least 1 and blog.media.quota-per-account not negative");
		}
	}
}
