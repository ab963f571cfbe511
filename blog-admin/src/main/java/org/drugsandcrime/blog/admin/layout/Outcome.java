package org.drugsandcrime.blog.admin.layout;

/**
 * Something that can have happened on one screen, which a redirect names so that the screen it lands on can say
 * so. Each screen has its own enum of them (for example {@code MediaOutcome}: {@code UPLOADED}, {@code DELETED});
 * a new action adds a constant there, redirects with {@link #redirectTo(String)}, and the screen's GET handler
 * already shows it through {@link Notice#after}.
 *
 * <p>Only enums implement this: the constant's name is the value of {@code ?done=} ({@code TWO_FACTOR_ON} is
 * {@code two-factor-on}), so a link can name an outcome but never put words of its own on a screen.
 */
public interface Outcome {

	/** The query parameter that names what happened. */
	String PARAMETER = "done";

	/** The query parameter that carries how many things it happened to, for notices that say so. */
	String COUNT = "n";

	/**
	 * The notice staff read.
	 * @param count the number the redirect carried ({@code &n=}), 0 when it carried none
	 */
	Notice notice(long count);

	/** The value of {@code ?done=} that names this outcome. */
	default String key() {
		return Notice.key((Enum<?>) this);
	}

	/** A WebFlux view name: a redirect to {@code path} (which may have a query already) saying this happened. */
	default String redirectTo(String path) {
		return "redirect:" + location(path);
	}

	/** The address of {@code path} (which may have a query already) saying this happened, for a Location header. */
	default String location(String path) {
		return path + (path.contains("?") ? "&" : "?") + PARAMETER + "=" + key();
	}

	/** As {@link #redirectTo(String)}, for notices that say how many things it happened to. */
	default String redirectTo(String path, long count) {
		return redirectTo(path) + "&" + COUNT + "=" + count;
	}
}
