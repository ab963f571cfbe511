package org.drugsandcrime.blog.web.guard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How much a reader's form may carry and how long it may take to arrive.
 *
 * @param maxSize the largest body any public POST accepts; larger ones get a 413 page, from their stated length
 * before anything is read, else as soon as the bytes pass it. 64 KB holds a comment at its limit of 5,000
 * characters in any script, percent-encoded (at most 9 bytes a character, 45 KB), with its other fields
 * @param readTimeout the longest a body may take to arrive once the request has begun: a body announced longer
 * than what is sent gets a 408 page and the connection closed then, instead of holding it open
 */
@ConfigurationProperties("blog.web.forms")
public record FormProperties(DataSize maxSize, Duration readTimeout) {

	public FormProperties {
		maxSize = maxSize == null ? DataSize.ofKilobytes(64) : maxSize;
		readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
	}
}
