package org.drugsandcrime.blog.feed;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Evaluates a request's preconditions against a representation's {@link Validators}, in the order RFC 9110
 * section 13.2.2 gives: If-Match, else If-Unmodified-Since; then If-None-Match, else (for GET and HEAD)
 * If-Modified-Since. A field that cannot be parsed is ignored, as the RFC asks for dates; an entity tag list
 * with nothing parsable in it matches nothing.
 */
public final class ConditionalRequest {

	/** The IMF-fixdate form, the one HTTP dates are sent in. */
	public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter RFC_850 = DateTimeFormatter.ofPattern("dd-MMM-yy HH:mm:ss 'GMT'", Locale.ROOT);

	private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ROOT);

	private ConditionalRequest() {
	}

	/**
	 * What to answer: {@code 200 OK} to send the representation, {@code 304 Not Modified} or
	 * {@code 412 Precondition Failed}.
	 */
	public static HttpStatus evaluate(HttpMethod method, HttpHeaders request, Validators current) {
		boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
		List<String> ifMatch = raw(request, HttpHeaders.IF_MATCH);
		if (!ifMatch.isEmpty()) {
			if (!matches(ifMatch, current.etag(), true)) {
				return HttpStatus.PRECONDITION_FAILED;
			}
		}
		else {
			Instant since = date(request.get(HttpHeaders.IF_UNMODIFIED_SINCE));
			if (since != null && current.lastModified().isAfter(since)) {
				return HttpStatus.PRECONDITION_FAILED;
			}
		}
		List<String> ifNoneMatch = raw(request, HttpHeaders.IF_NONE_MATCH);
		if (!ifNoneMatch.isEmpty()) {
			if (matches(ifNoneMatch, current.etag(), false)) {
				return safe ? HttpStatus.NOT_MODIFIED : HttpStatus.PRECONDITION_FAILED;
			}
			return HttpStatus.OK;
		}
		if (safe) {
			Instant since = date(request.get(HttpHeaders.IF_MODIFIED_SINCE));
			if (since != null && !current.lastModified().isAfter(since)) {
				return HttpStatus.NOT_MODIFIED;
			}
		}
		return HttpStatus.OK;
	}

	/** The field lines as received: Spring's list view would strip the quotes that make an entity tag. */
	private static List<String> raw(HttpHeaders request, String name) {
		List<String> values = request.get(name);
		return values == null ? List.of() : values;
	}

	/**
	 * Whether a list of entity tags (or "*") names the current one. Strong comparison needs both tags strong
	 * and equal; weak comparison needs only the opaque parts equal.
	 */
	static boolean matches(List<String> fieldValues, String currentTag, boolean strong) {
		for (String value : fieldValues) {
			if (value.strip().equals("*")) {
				return true;
			}
		}
		boolean currentWeak = currentTag.startsWith("W/");
		String currentOpaque = currentWeak ? currentTag.substring(2) : currentTag;
		for (String tag : entityTags(fieldValues)) {
			boolean weak = tag.startsWith("W/");
			String opaque = weak ? tag.substring(2) : tag;
			if (opaque.equals(currentOpaque) && (!strong || (!weak && !currentWeak))) {
				return true;
			}
		}
		return false;
	}

	/** The well-formed entity tags of a list; anything else in it is skipped. */
	static List<String> entityTags(List<String> fieldValues) {
		List<String> tags = new ArrayList<>();
		for (String value : fieldValues) {
			int i = 0;
			int length = value.length();
			while (i < length) {
				char c = value.charAt(i);
				if (c == ' ' || c == '\t' || c == ',') {
					i++;
					continue;
				}
				int start = i;
				if (value.startsWith("W/", i)) {
					i += 2;
				}
				if (i < length && value.charAt(i) == '"') {
					int close = value.indexOf('"', i + 1);
					if (close < 0) {
						break;
					}
					String opaque = value.substring(i + 1, close);
					if (opaque.chars().allMatch(ch -> ch == 0x21 || (ch >= 0x23 && ch <= 0x7E) || ch >= 0x80)) {
						tags.add(value.substring(start, close + 1));
					}
					i = close + 1;
				}
				else {
					int comma = value.indexOf(',', i);
					i = comma < 0 ? length : comma + 1;
				}
			}
		}
		return tags;
	}

	/**
	 * An HTTP date in any of the three forms a recipient must accept (RFC 9110 section 5.6.7); null when the
	 * field is absent, sent more than once or not a valid date.
	 */
	static Instant date(List<String> values) {
		if (values == null || values.size() != 1) {
			return null;
		}
		return parseDate(values.get(0).strip());
	}

	static Instant parseDate(String value) {
		try {
			int comma = value.indexOf(',');
			if (comma == 3) {
				return HTTP_DATE.parse(value, Instant::from);
			}
			if (comma > 3) {
				String day = value.substring(0, comma);
				LocalDateTime time = LocalDateTime.parse(value.substring(comma + 1).strip(), RFC_850);
				// Two-digit years within fifty years of now belong to this century (RFC 9110 section 5.6.7).
				if (time.getYear() > LocalDateTime.now(ZoneOffset.UTC).getYear() + 50) {
					time = time.minusYears(100);
				}
				if (!time.getDayOfWeek().name().equalsIgnoreCase(day)) {
					return null;
				}
				return time.toInstant(ZoneOffset.UTC);
			}
			if (value.length() > 4 && value.charAt(3) == ' ') {
				DayOfWeek.valueOf(dayName(value.substring(0, 3)));
				return LocalDateTime.parse(value.substring(4), ASCTIME).toInstant(ZoneOffset.UTC);
			}
			return null;
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static String dayName(String abbreviation) {
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day.getDisplayName(TextStyle.SHORT, Locale.ROOT).equals(abbreviation)) {
				return day.name();
			}
		}
		throw new IllegalArgumentException("Not a day: " + abbreviation);
	}
}
