package org.drugsandcrime.blog.wordpress.importing;

import java.time.Year;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.drugsandcrime.blog.wordpress.wxr.WxrSite;

/**
 * What a run remembers between batches: the site, who and what the file's authors and terms became (a site has
 * hundreds of them at most, so they are kept; posts and comments, which run to tens of thousands, are looked up
 * per batch instead), and the report so far. One batch at a time uses it.
 */
final class ImportContext {

	final long runId;

	final ImportRequest request;

	/** Null when no uploads were given. */
	final Uploads uploads;

	final ImportTally tally = new ImportTally();

	final AtomicLong bytesRead;

	final long totalBytes;

	long itemsDone;

	String stage = "Reading the file";

	WxrSite site;

	/** The site's key in wordpress_items: its address without scheme, so http and https are one site. */
	String siteKey;

	/** {@code host/path/wp-content/uploads/}, without scheme: images below it are the site's own. */
	String uploadsPrefix;

	/** Credited with items whose author the file does not list. */
	Long fallbackAuthor;

	final Map<String, Long> authorByLogin = new HashMap<>();

	final Map<Long, Long> userByWordPressId = new HashMap<>();

	final Map<String, Long> categoryByNicename = new HashMap<>();

	/** {@code parent/child} nicenames, as WordPress's category addresses hold them. */
	final Map<String, String> categoryPathByNicename = new HashMap<>();

	final Map<String, Long> tagBySlug = new HashMap<>();

	final Set<YearMonth> months = new HashSet<>();

	final Set<Year> years = new HashSet<>();

	boolean siteAddressesKept;

	ImportContext(long runId, ImportRequest request, Uploads uploads, AtomicLong bytesRead, long totalBytes) {
		this.runId = runId;
		this.request = request;
		this.uploads = uploads;
		this.bytesRead = bytesRead;
		this.totalBytes = totalBytes;
	}

	void site(WxrSite site) {
		this.site = site;
		String blog = site.baseBlogUrl().isBlank() ? site.link() : site.baseBlogUrl();
		this.siteKey = withoutScheme(blog);
		String files = site.baseSiteUrl().isBlank() ? blog : site.baseSiteUrl();
		this.uploadsPrefix = withoutScheme(files) + "/wp-content/uploads/";
	}

	/** The path of an image below the site's uploads ({@code 2019/05/cells.jpg}), or null for any other address. */
	String uploadsPath(String address) {
		if (address == null || uploadsPrefix == null) {
			return null;
		}
		String bare = withoutScheme(address);
		int query = bare.indexOf('?');
		if (query >= 0) {
			bare = bare.substring(0, query);
		}
		return bare.startsWith(uploadsPrefix) && bare.length() > uploadsPrefix.length()
				? ItemRules.decoded(bare.substring(uploadsPrefix.length())) : null;
	}

	ImportProgress progress() {
		return new ImportProgress(Math.min(bytesRead.get(), totalBytes), totalBytes, itemsDone, stage);
	}

	static String withoutScheme(String address) {
		String bare = address.strip();
		int scheme = bare.indexOf("://");
		if (scheme >= 0) {
			bare = bare.substring(scheme + 3);
		}
		while (bare.endsWith("/")) {
			bare = bare.substring(0, bare.length() - 1);
		}
		return bare.toLowerCase(Locale.ROOT).startsWith("www.") ? bare.substring(4) : bare;
	}
}
