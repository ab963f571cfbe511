package org.drugsandcrime.blog.core.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import java.util.Objects;

/**
 * The one home of how the blog writes a moment for people: in the site's time zone, in words ("2 Dec 2026,
 * 22:24"), and how it reads one typed by staff. Both apps and the mail use it; machine formats (feeds,
 * sitemaps, JSON-LD, {@code <time datetime>}) keep the exact instant in UTC through {@link #iso(Instant)}.
 */
public record SiteTime(ZoneId zone) {

	/** The zone a site starts with when {@code BLOG_TIME_ZONE} says nothing else. */
	public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

	private static final DateTimeFormatter WORDS = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

	private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.UK);

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

	public SiteTime {
		Objects.requireNonNull(zone, "zone");
	}

	public static SiteTime of(String zoneId) {
		return new SiteTime(zone(zoneId));
	}

	/**
	 * A region id such as "Europe/London" or "UTC", as staff type it; anything else is refused with a message.
	 * Fixed offsets ("+01:00") are refused too: they ignore summer time, which is what a site zone is for.
	 */
	public static ZoneId zone(String zoneId) {
		String id = zoneId == null ? "" : zoneId.strip();
		if (id.isEmpty() || id.length() > 64 || !ZoneId.getAvailableZoneIds().contains(id)) {
			throw new InvalidTimeException("“" + (id.length() > 64 ? id.substring(0, 64) + "…" : id)
					+ "” is not a time zone; use a name such as Europe/London, Europe/Paris or UTC.");
		}
		return ZoneId.of(id);
	}

	/** "2 Dec 2026, 22:24" in the site's zone; empty for no time. */
	public String words(Instant instant) {
		return instant == null ? "" : WORDS.format(instant.atZone(zone));
	}

	/** "2 Dec 2026, 22:24 GMT": with the zone's short name, where a time stands alone (mail, confirmations). */
	public String wordsWithZone(Instant instant) {
		return instant == null ? "" : words(instant) + " " + abbreviation(instant);
	}

	/** "2 December 2026", the date the public site prints on posts and comments. */
	public String date(Instant instant) {
		return instant == null ? "" : DATE.format(instant.atZone(zone));
	}

	/** "22:24", for "Saved at 22:24". */
	public String clock(Instant instant) {
		return instant == null ? "" : CLOCK.format(instant.atZone(zone));
	}

	/**
	 * The exact instant for {@code <time datetime>} and machine formats: UTC, to the second (HTML allows at most
	 * three digits of a fraction; PostgreSQL keeps six).
	 */
	public String iso(Instant instant) {
		return machine(instant);
	}

	/** {@link #iso(Instant)} where no site is at hand (JSON-LD, OpenGraph): the zone plays no part in it. */
	public static String machine(Instant instant) {
		return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	/** The value of a {@code datetime-local} field showing {@code instant} in the site's zone. */
	public String inputValue(Instant instant) {
		return instant == null ? "" : INPUT.format(instant.atZone(zone));
	}

	/** The zone's name as staff chose it, "Europe/London". */
	public String zoneName() {
		return zone.getId();
	}

	/** The short name in force at {@code instant}: "GMT" or "BST" for London, "CET" or "CEST" for Paris. */
	public String abbreviation(Instant instant) {
		return ZONE_NAME.format(instant.atZone(zone));
	}

	/** The calendar day {@code instant} falls on in the site's zone. */
	public LocalDate day(Instant instant) {
		return instant.atZone(zone).toLocalDate();
	}

	/** Where the day {@code date} starts in the site's zone (not always at midnight, where summer time begins). */
	public Instant startOf(LocalDate date) {
		return date.atStartOfDay(zone).toInstant();
	}

	/**
	 * Reads a time typed in a {@code datetime-local} field ("2026-12-02T22:24", seconds allowed) as a time in the
	 * site's zone. A time the clocks skip (01:30 on the night summer time starts in London) is moved on by the
	 * length of the gap, to the moment the clock would show had it not jumped; a time that happens twice (01:30 on
	 * the night summer time ends) is the first of the two. {@link Reading#note()} says when either happened, so
	 * staff see which moment was meant.
	 */
	public Reading read(String typed) {
		String text = typed == null ? "" : typed.strip();
		if (text.isEmpty()) {
			throw new InvalidTimeException("Choose a date and time.");
		}
		LocalDateTime local;
		try {
			local = LocalDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidTimeException("“" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
					+ "” is not a date and time (yyyy-mm-dd hh:mm, " + zoneName() + ").");
		}
		if (local.getYear() < 1970 || local.getYear() > 9999) {
			throw new InvalidTimeException("Choose a year between 1970 and 9999.");
		}
		ZoneOffsetTransition transition = zone.getRules().getTransition(local);
		try {
			ZonedDateTime at = ZonedDateTime.ofLocal(local, zone, null);
			String note = null;
			if (transition != null && transition.isGap()) {
				note = "The clocks go forward at " + CLOCK.format(transition.getDateTimeBefore()) + " that night, so "
						+ CLOCK.format(local) + " does not happen; " + words(at.toInstant()) + " is meant.";
			}
			else if (transition != null && transition.isOverlap()) {
				note = CLOCK.format(local) + " happens twice that night as the clocks go back; the first, "
						+ abbreviation(at.toInstant()) + ", is meant.";
			}
			return new Reading(at.toInstant(), note);
		}
		catch (DateTimeException ex) {
			throw new InvalidTimeException("“" + text + "” is not a date and time.");
		}
	}

	/** A typed time as the instant it means; {@code note} explains a summer-time gap or overlap, else null. */
	public record Reading(Instant instant, String note) {
	}
}
