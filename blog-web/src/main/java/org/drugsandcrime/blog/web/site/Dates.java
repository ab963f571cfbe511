package org.drugsandcrime.blog.web.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Dates as the blog writes them ("14 March 2015"), in UTC so every process renders the same bytes. */
public final class Dates {

	private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
		.withZone(ZoneOffset.UTC);

	private Dates() {
	}

	public static String display(Instant instant) {
		return instant == null ? "" : DISPLAY.format(instant);
	}

	/** To the second: HTML's datetime allows at most three digits of a fraction, PostgreSQL keeps six. */
	public static String iso(Instant instant) {
		return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}
}
