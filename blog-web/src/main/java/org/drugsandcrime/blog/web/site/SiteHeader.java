package org.drugsandcrime.blog.web.site;

import java.util.List;

import org.drugsandcrime.blog.core.time.SiteTime;
import org.springframework.ui.Model;

/**
 * What every public page shows of the site: its words, contact details and the menu staff arranged, plus the
 * absolute address canonical links are built on, and the site's time zone dates are written in. Put in the model as {@code site} before any handler runs.
 */
public record SiteHeader(String title, String tagline, String description, String contactEmail,
		String contactDetails, List<MenuLink> navigation, int postsPerPage, String baseUrl, SiteTime time) {

	static final String ATTRIBUTE = "site";

	/** The header of the page being built. */
	public static SiteHeader of(Model model) {
		return (SiteHeader) model.getAttribute(ATTRIBUTE);
	}

	/** {@code path} (starting with /) as an absolute URL. */
	public String absolute(String path) {
		return path == null ? null : path.startsWith("http://") || path.startsWith("https://") ? path : baseUrl + path;
	}

	public record MenuLink(String label, String url) {
	}
}
