package org.drugsandcrime.blog.wordpress.wxr;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** The times a WordPress export writes: {@code yyyy-MM-dd HH:mm:ss}, in GMT in the {@code _gmt} fields. */
public final class WxrTime {

	/** Strict, so 2013-02-30 and month 13 are impossible rather than moved to another day. */
	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
		.withResolverStyle(ResolverStyle.STRICT);

	private WxrTime() {
	}

	/**
	 * The instant of a GMT field, or empty when there is none: blank, WordPress's "never"
	 * ({@code 0000-00-00 00:00:00}, which drafts carry) or a date that cannot be.
	 */
	public static Optional<Instant> gmt(String value) {
		if (value == null || value.isBlank() || value.startsWith("0000-00-00")) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDateTime.parse(value.strip(), FORMAT).toInstant(ZoneOffset.UTC));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}
}
