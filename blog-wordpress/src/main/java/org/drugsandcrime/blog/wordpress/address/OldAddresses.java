package org.drugsandcrime.blog.wordpress.address;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.drugsandcrime.blog.core.redirect.OldPaths;
import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;

/**
 * The addresses each imported thing answered at on WordPress, and where each now lives.
 *
 * <p>An item's own address is taken from its {@code <link>}, whatever permalink structure the site used; the other
 * standard post shapes ({@code /%year%/%monthnum%/%day%/%postname%/}, {@code /%year%/%monthnum%/%postname%/},
 * {@code /%postname%/}) are added as {@linkplain OldAddress#guessed() guesses}, because a site that changed its
 * structure once still receives links of the old one. What WordPress answers on every site whatever its
 * structure ({@code /?p=ID}, {@code /?page_id=ID}, {@code /category/x/}, {@code /feed/}) is certain.
 *
 * <p>Every address is relative to the host, not to {@code wp:base_blog_url}'s path: a WordPress that lived in
 * {@code /blog} was linked as {@code /blog/2013/05/x/}, and that is what readers' browsers will ask this site for
 * once the domain points here. The new site lives at the root, so {@code /blog/} itself goes to the home page.
 *
 * <p>Pure functions of the export's fields: no database, no clock. Addresses come in {@link OldPaths}' canonical
 * form, the one lookups use.
 */
public final class OldAddresses {

	/** The new site's feeds, as blog-feed serves them. */
	static final String RSS = "/feed";

	static final String ATOM = "/feed/atom";

	static final String COMMENTS_FEED = "/comments/feed";

	private static final String NEVER = "0000-00-00";

	private OldAddresses() {
	}

	/**
	 * A post's addresses: its link, its comments feed ({@code link/feed/}), {@code /?p=ID}, and the standard post
	 * shapes made from its local date and name as guesses.
	 *
	 * @param newPath where the post lives now ({@code /posts/slug}); its comments feed is {@code newPath/comments/feed}
	 */
	public static List<OldAddress> ofPost(WxrSite site, WxrItem post, String newPath) {
		Addresses addresses = new Addresses(site, newPath);
		String commentsFeed = newPath + "/comments/feed";
		String link = addresses.link(post.link());
		if (link != null) {
			addresses.certain(link, newPath);
			addresses.certain(feedOf(link), commentsFeed);
		}
		addresses.certain(addresses.base + "/?p=" + post.postId(), newPath);
		addresses.certain(addresses.base + "/?p=" + post.postId() + "&feed=rss2", commentsFeed);
		String name = post.postName();
		LocalDate date = localDate(post.postDate());
		if (!name.isBlank()) {
			if (date != null) {
				String year = String.format(Locale.ROOT, "%04d", date.getYear());
				String month = String.format(Locale.ROOT, "%02d", date.getMonthValue());
				String day = String.format(Locale.ROOT, "%02d", date.getDayOfMonth());
				addresses.guess(addresses.base + "/" + year + "/" + month + "/" + day + "/" + name + "/", newPath);
				addresses.guess(addresses.base + "/" + year + "/" + month + "/" + name + "/", newPath);
			}
			addresses.guess(addresses.base + "/" + name + "/", newPath);
			addresses.guess(addresses.base + "/archives/" + post.postId(), newPath);
		}
		return addresses.list();
	}

	/** A page's addresses: its link ({@code /parent/child/} for a child page), {@code /?page_id=ID}, {@code /?p=ID}. */
	public static List<OldAddress> ofPage(WxrSite site, WxrItem page, String newPath) {
		Addresses addresses = new Addresses(site, newPath);
		String link = addresses.link(page.link());
		if (link != null) {
			addresses.certain(link, newPath);
		}
		addresses.certain(addresses.base + "/?page_id=" + page.postId(), newPath);
		addresses.certain(addresses.base + "/?p=" + page.postId(), newPath);
		if (!page.postName().isBlank()) {
			addresses.guess(addresses.base + "/" + page.postName() + "/", newPath);
		}
		return addresses.list();
	}

	/**
	 * An attachment page's addresses: its link ({@code /2013/05/post/image/}, or {@code /?attachment_id=ID} when it
	 * was attached to nothing), {@code /?attachment_id=ID} and {@code /?p=ID}.
	 *
	 * @param newPath where it lives now: the post it belongs to, or its file under {@code /media/}
	 */
	public static List<OldAddress> ofAttachment(WxrSite site, WxrItem attachment, String newPath) {
		Addresses addresses = new Addresses(site, newPath);
		String link = addresses.link(attachment.link());
		if (link != null) {
			addresses.certain(link, newPath);
		}
		addresses.certain(addresses.base + "/?attachment_id=" + attachment.postId(), newPath);
		addresses.certain(addresses.base + "/?p=" + attachment.postId(), newPath);
		return addresses.list();
	}

	/**
	 * A category's addresses and those of its feed: {@code /category/parent/child/}, {@code /category/child/} (a guess:
	 * WordPress answers the last name alone too) and their {@code feed/}.
	 *
	 * @param categoryPath the nicenames from the top category down, joined by {@code /} ({@code parent/child})
	 * @param newPath where it lives now ({@code /category/slug}); its feed is {@code newPath/feed}
	 */
	public static List<OldAddress> ofCategory(WxrSite site, String categoryPath, String newPath) {
		Addresses addresses = new Addresses(site, newPath);
		String path = trimSlashes(categoryPath);
		if (!path.isEmpty()) {
			archive(addresses, "/category/" + path + "/", newPath, false);
			if (path.contains("/")) {
				archive(addresses, "/category/" + path.substring(path.lastIndexOf('/') + 1) + "/", newPath, true);
			}
		}
		return addresses.list();
	}

	/** As {@link #ofCategory(WxrSite, String, String)}, and {@code /?cat=ID} with its feed. */
	public static List<OldAddress> ofCategory(WxrSite site, WxrCategory category, String categoryPath, String newPath) {
		List<OldAddress> all = new ArrayList<>(ofCategory(site, categoryPath, newPath));
		Addresses addresses = new Addresses(site, newPath);
		addresses.certain(addresses.base + "/?cat=" + category.termId(), newPath);
		addresses.certain(addresses.base + "/?cat=" + category.termId() + "&feed=rss2", newPath + "/feed");
		all.addAll(addresses.list());
		return List.copyOf(all);
	}

	/** A tag's addresses: {@code /tag/slug/}, its {@code feed/}, {@code /?tag=slug}. */
	public static List<OldAddress> ofTag(WxrSite site, WxrTag tag, String newPath) {
		Addresses addresses = new Addresses(site, newPath);
		String slug = trimSlashes(tag.slug());
		if (!slug.isEmpty() && !slug.contains("/")) {
			archive(addresses, "/tag/" + slug + "/", newPath, false);
			addresses.certain(addresses.base + "/?tag=" + slug, newPath);
			addresses.certain(addresses.base + "/?tag=" + slug + "&feed=rss2", newPath + "/feed");
		}
		return addresses.list();
	}

	/**
	 * An author's addresses: {@code /author/nicename/} (WordPress makes the nicename from the login as it makes any
	 * slug), its {@code feed/}, {@code /?author=ID}.
	 */
	public static List<OldAddress> ofAuthor(WxrSite site, WxrAuthor author, String newPath) {
		Addresses addresses = new Addresses(site, newPath);
		String nicename = nicename(author.login());
		if (!nicename.isEmpty()) {
			archive(addresses, "/author/" + nicename + "/", newPath, false);
		}
		addresses.certain(addresses.base + "/?author=" + author.id(), newPath);
		addresses.certain(addresses.base + "/?author=" + author.id() + "&feed=rss2", newPath + "/feed");
		return addresses.list();
	}

	/** A month's archive: {@code /2013/05/}, {@code /?m=201305}, to {@code /archive/2013/05}. */
	public static List<OldAddress> ofMonth(WxrSite site, YearMonth month) {
		String to = String.format(Locale.ROOT, "/archive/%04d/%02d", month.getYear(), month.getMonthValue());
		Addresses addresses = new Addresses(site, to);
		String yyyy = String.format(Locale.ROOT, "%04d", month.getYear());
		String mm = String.format(Locale.ROOT, "%02d", month.getMonthValue());
		addresses.certain(addresses.base + "/" + yyyy + "/" + mm + "/", to);
		addresses.certain(addresses.base + "/?m=" + yyyy + mm, to);
		return addresses.list();
	}

	/** A year's archive: {@code /2013/}, {@code /?m=2013}, to {@code /archive/2013}. */
	public static List<OldAddress> ofYear(WxrSite site, Year year) {
		String to = String.format(Locale.ROOT, "/archive/%04d", year.getValue());
		Addresses addresses = new Addresses(site, to);
		addresses.certain(addresses.base + to.substring("/archive".length()) + "/", to);
		addresses.certain(addresses.base + "/?m=" + to.substring("/archive/".length()), to);
		return addresses.list();
	}

	/**
	 * The site's own addresses: its feeds ({@code /feed/}, {@code /feed/rss2/}, {@code /feed/atom/},
	 * {@code /?feed=rss2} ...), the comments feed ({@code /comments/feed/}), and, for a WordPress that lived in a
	 * sub-folder, that folder itself (its home page).
	 */
	public static List<OldAddress> ofSite(WxrSite site) {
		Addresses addresses = new Addresses(site, "/");
		String base = addresses.base;
		if (!base.isEmpty()) {
			addresses.certain(base + "/", "/");
		}
		for (String rss : List.of("/feed/", "/feed/rss2/", "/feed/rss/", "/feed/rdf/", "/rss2/", "/rss/",
				"/?feed=rss2", "/?feed=rss", "/?feed=rdf")) {
			addresses.certain(base + rss, RSS);
		}
		for (String atom : List.of("/feed/atom/", "/atom/", "/?feed=atom")) {
			addresses.certain(base + atom, ATOM);
		}
		for (String comments : List.of("/comments/feed/", "/comments/feed/rss2/", "/comments/feed/atom/",
				"/?feed=comments-rss2", "/?feed=comments-atom")) {
			addresses.certain(base + comments, COMMENTS_FEED);
		}
		return addresses.list();
	}

	/**
	 * The month WordPress filed an item under in its date archives: that of its local date (not the GMT one), or
	 * null for an item that never had a date.
	 */
	public static YearMonth monthOf(WxrItem item) {
		LocalDate date = localDate(item.postDate());
		return date == null ? null : YearMonth.from(date);
	}

	/** An archive's address and those of its feed; WordPress answers {@code feed/rss2/} and {@code feed/atom/} too. */
	private static void archive(Addresses addresses, String path, String newPath, boolean guessed) {
		String from = addresses.base + path;
		addresses.add(from, newPath, guessed);
		for (String feed : List.of("feed/", "feed/rss2/", "feed/atom/")) {
			addresses.add(from + feed, newPath + "/feed", guessed);
		}
	}

	/** The comments feed of an item's address: {@code feed/} after its path, or {@code &feed=rss2} after its query. */
	private static String feedOf(String address) {
		if (address.contains("?")) {
			return address + "&feed=rss2";
		}
		return address + (address.endsWith("/") ? "" : "/") + "feed/";
	}

	/**
	 * WordPress's {@code user_nicename} as it makes it from a login ({@code sanitize_title}): lower case, dots and
	 * spaces become hyphens, anything else that is not a letter, digit, hyphen or underscore goes.
	 */
	static String nicename(String login) {
		String nicename = login.strip().toLowerCase(Locale.ROOT).replace('.', '-').replaceAll("\\s+", "-")
			.replaceAll("[^a-z0-9_-]", "")
			.replaceAll("-+", "-");
		return nicename.replaceAll("^-|-$", "");
	}

	private static LocalDate localDate(String dateTime) {
		if (dateTime == null || dateTime.length() < 10 || dateTime.startsWith(NEVER)) {
			return null;
		}
		try {
			return LocalDate.parse(dateTime.substring(0, 10));
		}
		catch (DateTimeParseException impossible) {
			return null;
		}
	}

	private static String trimSlashes(String path) {
		return path == null ? "" : path.strip().replaceAll("^/+|/+$", "");
	}

	/** The addresses of one thing being collected: canonical, each once, a certain one winning over a guess. */
	private static final class Addresses {

		final String base;

		private final String home;

		private final Map<String, OldAddress> byFrom = new LinkedHashMap<>();

		Addresses(WxrSite site, String newPath) {
			if (OldPaths.location(newPath) == null) {
				throw new IllegalArgumentException("Not a local path: " + newPath);
			}
			this.base = basePath(site);
			this.home = OldPaths.path(base + "/");
		}

		/** A link of the old site as a local address, or null when it names no page of its own (the home page). */
		String link(String link) {
			String address = OldPaths.address(pathOf(link));
			if (address == null || address.equals(home) || address.equals(base)) {
				return null;
			}
			return address;
		}

		void certain(String from, String to) {
			add(from, to, false);
		}

		void guess(String from, String to) {
			add(from, to, true);
		}

		void add(String from, String to, boolean guessed) {
			String canonical = OldPaths.address(from);
			if (canonical == null || canonical.equals(home) && !to.equals("/")) {
				return;
			}
			OldAddress earlier = byFrom.get(canonical);
			if (earlier == null || earlier.guessed() && !guessed) {
				byFrom.put(canonical, new OldAddress(canonical, to, guessed));
			}
		}

		List<OldAddress> list() {
			return List.copyOf(byFrom.values());
		}

		/** The path of {@code wp:base_blog_url} without its last slash: empty for a site at the root, {@code /blog}. */
		private static String basePath(WxrSite site) {
			String link = site == null ? "" : site.baseBlogUrl().isBlank() ? site.link() : site.baseBlogUrl();
			String path = pathOf(link);
			int question = path.indexOf('?');
			path = question < 0 ? path : path.substring(0, question);
			String canonical = OldPaths.path(path);
			if (canonical == null) {
				return "";
			}
			return canonical.replaceAll("/+$", "");
		}

		/** The path and query of an absolute or host-relative link; its fragment dropped. */
		private static String pathOf(String link) {
			String value = link == null ? "" : link.strip();
			int hash = value.indexOf('#');
			value = hash < 0 ? value : value.substring(0, hash);
			int scheme = value.indexOf("://");
			if (scheme >= 0 && scheme < 10) {
				int slash = value.indexOf('/', scheme + 3);
				int question = value.indexOf('?', scheme + 3);
				if (slash < 0 || question >= 0 && question < slash) {
					return question < 0 ? "/" : "/" + value.substring(question);
				}
				return value.substring(slash);
			}
			return value.startsWith("/") ? value : "";
		}
	}
}
