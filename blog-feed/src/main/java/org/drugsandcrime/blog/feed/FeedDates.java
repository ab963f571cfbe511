package org.drugsandcrime.blog.feed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Dates as each format wants them, always in UTC and to the second. */
public final class FeedDates {

	private FeedDates() {
	}

	/** RSS 2.0: RFC 822 with a four-digit year and a zone, {@code Tue, 24 Nov 2026 11:48:49 GMT}. */
	public static String rfc822(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
	}

	/** Atom, JSON Feed and sitemaps: RFC 3339 / W3C Datetime, {@code 2026-11-24T11:48:49Z}. */
	public static String rfc3339(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}
}
