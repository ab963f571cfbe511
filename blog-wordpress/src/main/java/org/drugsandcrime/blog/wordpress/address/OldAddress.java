package org.drugsandcrime.blog.wordpress.address;

/**
 * One old address of something imported and where it lives now.
 *
 * @param from the old address as a local path in {@code OldPaths}' canonical form, with a query only for
 *        WordPress's own keys ({@code /?p=123}); a sub-folder WordPress lived in is part of it ({@code /blog/...})
 * @param to the new local path, starting with one {@code /}
 * @param guessed true when the address comes from one of WordPress's standard permalink shapes rather than from
 *        the export's own links: a guess never replaces an address taken from a link, whichever comes first
 */
public record OldAddress(String from, String to, boolean guessed) {

	/** An address taken from the export itself (a link, or one WordPress answers for every site). */
	public OldAddress(String from, String to) {
		this(from, to, false);
	}
}
