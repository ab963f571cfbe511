package org.drugsandcrime.blog.web.site;

import java.time.Instant;

import org.drugsandcrime.blog.core.time.SiteTime;

/**
 * Machine dates (JSON-LD, OpenGraph): the exact instant in UTC. Dates for people are written by the site's
 * {@link org.drugsandcrime.blog.core.time.SiteTime}, in its time zone.
 */
public final class Dates {

	private Dates() {
	}

	/** To the second: HTML's datetime allows at most three digits of a fraction, PostgreSQL keeps six. */
	public static String iso(Instant instant) {
		return SiteTime.machine(instant);
	}
}
