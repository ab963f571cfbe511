package org.drugsandcrime.blog.core.media;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where uploaded images are kept and how large one may be.
 *
 * @param dir the directory of uploaded files, served by the public site at /media/ ({@code BLOG_MEDIA_DIR})
 * @param maxUploadSize the largest image staff may upload
 */
@ConfigurationProperties("blog.media")
public record MediaProperties(Path dir, DataSize maxUploadSize) {

	public MediaProperties {
		if (dir == null) {
			dir = Path.of(System.getProperty("user.home"), ".blog", "media");
		}
		if (maxUploadSize == null) {
			maxUploadSize = DataSize.ofMegabytes(10);
		}
	}
}
