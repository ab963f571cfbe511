package org.drugsandcrime.blog.web.archive;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.archive.ArchivePage;
import org.drugsandcrime.blog.core.archive.ArchiveTitle;
import org.drugsandcrime.blog.core.archive.PostArchives;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.web.comment.CommentText;
import org.drugsandcrime.blog.web.site.PageMeta;
import org.drugsandcrime.blog.web.site.PageNumbers;
import org.drugsandcrime.blog.web.site.Pagination;
import org.drugsandcrime.blog.web.site.PostCard;
import org.drugsandcrime.blog.web.site.SiteHeader;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** Archives by category, tag, author, series, year and month, a page at a time. */
@Controller
class ArchiveController {

	private final PostArchives archives;

	ArchiveController(PostArchives archives) {
		this.archives = archives;
	}

	@GetMapping({ "/category/{slug}", "/category/{slug}/page/{page}" })
	Mono<String> category(@PathVariable String slug, @PathVariable(required = false) String page, Model model) {
		return bySlug("/category/", slug, page, model, (s, n, size) -> archives.category(s, n, size));
	}

	@GetMapping({ "/tag/{slug}", "/tag/{slug}/page/{page}" })
	Mono<String> tag(@PathVariable String slug, @PathVariable(required = false) String page, Model model) {
		return bySlug("/tag/", slug, page, model, (s, n, size) -> archives.tag(s, n, size));
	}

	@GetMapping({ "/author/{slug}", "/author/{slug}/page/{page}" })
	Mono<String> author(@PathVariable String slug, @PathVariable(required = false) String page, Model model) {
		return bySlug("/author/", slug, page, model, (s, n, size) -> archives.author(s, n, size));
	}

	@GetMapping({ "/series/{slug}", "/series/{slug}/page/{page}" })
	Mono<String> series(@PathVariable String slug, @PathVariable(required = false) String page, Model model) {
		return bySlug("/series/", slug, page, model, (s, n, size) -> archives.series(s, n, size));
	}

	@GetMapping({ "/archive/{year:\\d{4}}", "/archive/{year:\\d{4}}/page/{page}" })
	Mono<String> year(@PathVariable String year, @PathVariable(required = false) String page, Model model) {
		int number = number(page);
		SiteHeader site = SiteHeader.of(model);
		return show("/archive/" + year, archives.year(Integer.parseInt(year), number, site.postsPerPage(), site.time()), number, model);
	}

	@GetMapping({ "/archive/{year:\\d{4}}/{month:\\d{2}}", "/archive/{year:\\d{4}}/{month:\\d{2}}/page/{page}" })
	Mono<String> month(@PathVariable String year, @PathVariable String month, @PathVariable(required = false) String page,
			Model model) {
		int number = number(page);
		SiteHeader site = SiteHeader.of(model);
		return show("/archive/" + year + "/" + month,
				archives.month(Integer.parseInt(year), Integer.parseInt(month), number, site.postsPerPage(), site.time()), number, model);
	}

	private Mono<String> bySlug(String prefix, String slug, String page, Model model, Lookup lookup) {
		if (!Slugs.isValid(slug)) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		int number = number(page);
		SiteHeader site = SiteHeader.of(model);
		return show(prefix + slug, lookup.find(slug, number, site.postsPerPage()), number, model);
	}

	private static int number(String page) {
		return page == null ? 1 : PageNumbers.parse(page);
	}

	private Mono<String> show(String base, Mono<ArchivePage> found, int page, Model model) {
		SiteHeader site = SiteHeader.of(model);
		return found.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND))).map(archive -> {
			ArchiveTitle title = archive.title();
			String kind = kind(title.kind());
			String heading = title.name();
			String pageTitle = kind + ": " + heading + (page > 1 ? " – page " + page : "") + " – " + site.title();
			String description = title.description() == null || title.description().isBlank()
					? "Posts " + about(title) + " on " + site.title() + "." : title.description();
			String twitter = title.twitterHandle() == null || title.twitterHandle().isBlank() ? null
					: title.twitterHandle().replaceFirst("^@", "");
			model.addAttribute("archive", new ArchiveView(kind, heading, CommentText.toHtml(title.description()), twitter,
					twitter == null ? null : "https://twitter.com/" + twitter, PostCard.of(archive.posts().posts(), site.time()),
					Pagination.of(base, archive.posts())));
			PageMeta meta = PageMeta.website(site, pageTitle, description, Pagination.path(base, page));
			String feed = feed(title, base);
			model.addAttribute(PageMeta.ATTRIBUTE, feed == null ? meta : meta.withFeed(feed, site.title() + " – " + kind + ": " + heading));
			return "archive";
		});
	}

	/** The feed blog-feed serves for this archive; dates have none of their own. */
	private static String feed(ArchiveTitle title, String base) {
		return switch (title.kind()) {
			case CATEGORY, TAG, AUTHOR, SERIES -> base + "/feed";
			case YEAR, MONTH -> null;
		};
	}

	private static String kind(ArchiveTitle.Kind kind) {
		return switch (kind) {
			case CATEGORY -> "Category";
			case TAG -> "Tag";
			case AUTHOR -> "Author";
			case SERIES -> "Series";
			case YEAR, MONTH -> "Archive";
		};
	}

	private static String about(ArchiveTitle title) {
		return switch (title.kind()) {
			case CATEGORY -> "in " + title.name();
			case TAG -> "tagged " + title.name();
			case AUTHOR -> "by " + title.name();
			case SERIES -> "in the series " + title.name();
			case YEAR, MONTH -> "published in " + title.name();
		};
	}

	@FunctionalInterface
	private interface Lookup {

		Mono<ArchivePage> find(String slug, int page, int size);

	}

	/** An archive page, ready to lay out. */
	record ArchiveView(String kind, String heading, String descriptionHtml, String twitterHandle, String twitterUrl,
			java.util.List<PostCard> posts, Pagination pagination) {
	}
}
