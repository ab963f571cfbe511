package org.drugsandcrime.blog.core.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which cell of a row says what, decided from the first row. When it is a header, columns are found by the names
 * lists use ("Email Address", "First Name" and "CONFIRM_TIME" from Mailchimp; "email", "name", "date", "status",
 * "confirmed" from most others). Without a header the columns are, in order, email, name, date and confirmed.
 *
 * <p>Consent is never assumed: a row counts as confirmed only when the list says so (a yes in a confirmed or status
 * column, or a confirmation time). A row the old list marks as unsubscribed, cleaned or bounced is not imported.
 */
record SubscriberColumns(boolean header, int email, int name, int firstName, int lastName, int date, int confirmed,
		int confirmTime) {

	private static final Set<String> EMAIL = Set.of("email", "emailaddress", "e-mail", "e-mailaddress", "mail",
			"subscriberemail", "useremail", "address");

	private static final Set<String> NAME = Set.of("name", "fullname", "displayname", "subscribername", "subscriber");

	private static final Set<String> FIRST_NAME = Set.of("firstname", "fname", "givenname");

	private static final Set<String> LAST_NAME = Set.of("lastname", "lname", "surname", "familyname");

	private static final Set<String> DATE = Set.of("date", "subscribed", "subscribedat", "subscribedon", "subscriptiondate",
			"created", "createdat", "dateadded", "signupdate", "optintime", "timestamp", "joined", "since");

	private static final Set<String> CONFIRMED = Set.of("confirmed", "status", "state", "doubleoptin", "optin",
			"subscriberstatus", "active");

	private static final Set<String> CONFIRM_TIME = Set.of("confirmtime", "confirmedat", "confirmedon", "confirmationdate",
			"dateconfirmed");

	private static final Set<String> YES = Set.of("yes", "y", "true", "1", "confirmed", "subscribed", "active", "opted in",
			"optedin", "double opt-in");

	private static final Set<String> GONE = Set.of("unsubscribed", "cleaned", "bounced", "complained", "deleted",
			"archived", "blocklisted", "blacklisted");

	private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
			DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT), DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT));

	/** The columns of a file whose first row is {@code first}. */
	static SubscriberColumns of(List<String> first) {
		int email = find(first, EMAIL);
		if (email < 0) {
			int size = first.size();
			return new SubscriberColumns(false, 0, size > 1 ? 1 : -1, -1, -1, size > 2 ? 2 : -1, size > 3 ? 3 : -1, -1);
		}
		return new SubscriberColumns(true, email, find(first, NAME), find(first, FIRST_NAME), find(first, LAST_NAME),
				find(first, DATE), find(first, CONFIRMED), find(first, CONFIRM_TIME));
	}

	/** What a row holds, or why it cannot be imported. */
	Row read(List<String> cells, Instant now) {
		EmailAddress address;
		try {
			address = EmailAddress.parse(cell(cells, email));
		}
		catch (InvalidEmailAddressException ex) {
			return Row.rejected(cell(cells, email).isBlank() ? "no email address" : ex.getMessage());
		}
		String state = cell(cells, confirmed).toLowerCase(Locale.ROOT);
		if (GONE.contains(state)) {
			return Row.rejected("the old list says \"" + cell(cells, confirmed) + "\": not imported, so they get no mail");
		}
		Instant confirmTimeValue = time(cell(cells, confirmTime));
		boolean isConfirmed = YES.contains(state) || confirmTimeValue != null;
		Instant dated = time(cell(cells, date));
		Instant since = dated != null ? dated : confirmTimeValue != null ? confirmTimeValue : now;
		Instant confirmedAt = !isConfirmed ? null : confirmTimeValue != null ? confirmTimeValue : since;
		String fullName = cell(cells, name);
		if (fullName.isBlank()) {
			fullName = (cell(cells, firstName) + " " + cell(cells, lastName)).strip();
		}
		if (fullName.length() > 200) {
			fullName = fullName.substring(0, 200);
		}
		return new Row(new Imported(address.value(), fullName, since, confirmedAt), null);
	}

	private static int find(List<String> header, Set<String> names) {
		for (int i = 0; i < header.size(); i++) {
			String key = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "").replace("\uFEFF", "");
			if (names.contains(key)) {
				return i;
			}
		}
		return -1;
	}

	private static String cell(List<String> cells, int index) {
		return index < 0 || index >= cells.size() ? "" : cells.get(index).strip();
	}

	/** A time as lists write it: ISO with an offset, or a local date and time (taken as UTC), or a date alone. */
	static Instant time(String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			// Not with an offset; try the forms without one.
		}
		for (DateTimeFormatter format : LOCAL_TIMES) {
			try {
				return LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				// Try the next form.
			}
		}
		try {
			return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** A subscriber to store: {@code confirmedAt} is null for one who has not confirmed. */
	record Imported(String email, String name, Instant since, Instant confirmedAt) {
	}

	record Row(Imported subscriber, String rejection) {

		static Row rejected(String reason) {
			return new Row(null, reason);
		}
	}
}
