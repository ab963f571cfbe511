package org.drugsandcrime.blog.admin.layout;

import java.util.Locale;

import org.springframework.web.server.ServerWebExchange;

/**
 * The one message a screen shows about what just happened: a finished text, and whether it is an error (read out
 * at once, as an alert) or a success (a status). Controllers put it in the model under {@link #ATTRIBUTE}, and
 * every template shows it through {@code layout :: notice}; no template reads request parameters to guess.
 *
 * <p>After a redirect the controller of the screen it lands on turns the redirect's {@code ?done=} into a notice
 * with {@link #after(ServerWebExchange, Class)}, looking the value up among that screen's own {@link Outcome}s:
 * an unknown value, or none, shows nothing. A form sent back with a mistake puts {@link #error(String)} in the
 * model directly.
 *
 * @param text what staff read
 * @param error whether something was refused or went wrong
 */
public record Notice(String text, boolean error) {

	/** The model attribute every template reads. */
	public static final String ATTRIBUTE = "notice";

	public static Notice success(String text) {
		return new Notice(text, false);
	}

	public static Notice error(String text) {
		return new Notice(text, true);
	}

	/**
	 * What the redirect that led here says happened, as one of {@code outcomes}; {@code null} (no notice) when the
	 * request names none of them.
	 */
	public static <E extends Enum<E> & Outcome> Notice after(ServerWebExchange exchange, Class<E> outcomes) {
		var query = exchange.getRequest().getQueryParams();
		return after(query.getFirst(Outcome.PARAMETER), query.getFirst(Outcome.COUNT), outcomes);
	}

	static <E extends Enum<E> & Outcome> Notice after(String done, String count, Class<E> outcomes) {
		if (done == null) {
			return null;
		}
		for (E outcome : outcomes.getEnumConstants()) {
			if (outcome.key().equals(done)) {
				return outcome.notice(count(count));
			}
		}
		return null;
	}

	/** "1 post", "3 posts": a count with the noun that fits it. */
	public static String count(long n, String one, String many) {
		return n == 1 ? "1 " + one : n + " " + many;
	}

	public String role() {
		return error ? "alert" : "status";
	}

	public String cssClass() {
		return error ? "error" : "notice";
	}

	private static long count(String value) {
		try {
			return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	static String key(Enum<?> outcome) {
		return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
