package org.drugsandcrime.blog.core.media;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An uploaded image; the file lives under the media directory by {@code fileName}, served at /media/{fileName}.
 * {@code imported}: stored by a WordPress import (recorded against the admin who ran it, outside their quota).
 */
@Table("media")
public record Media(@Id Long id, String fileName, String originalName, String contentType, long sizeBytes,
		Integer width, Integer height, String altText, Long uploadedBy, Instant createdAt, boolean imported) {
}
