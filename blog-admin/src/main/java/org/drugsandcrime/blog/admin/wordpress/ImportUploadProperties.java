package org.drugsandcrime.blog.admin.wordpress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How large a WordPress export (with its uploads zip) staff may send to the portal. Sites larger than this move in
 * from the command line ({@code import-wordpress}), which reads the file where it lies.
 *
 * @param maxUploadSize the most one upload may carry, the export and the zip together
 */
@ConfigurationProperties("blog.wordpress")
record ImportUploadProperties(DataSize maxUploadSize) {

	static final DataSize DEFAULT = DataSize.ofMegabytes(512);

	ImportUploadProperties {
		maxUploadSize = maxUploadSize == null || maxUploadSize.toBytes() <= 0 ? DEFAULT : maxUploadSize;
	}

	long maxBytes() {
		return maxUploadSize.toBytes();
	}

	long maxMegabytes() {
		return maxUploadSize.toMegabytes();
	}
}
