package org.drugsandcrime.blog.web.post;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.drugsandcrime.blog.core.archive.PostArchives;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.PublishedPost;
import org.drugsandcrime.blog.core.post.PublishedPosts;
import org.drugsandcrime.blog.core.render.Slugs;
import org.drugsandcrime.blog.web.comment.CommentForm;
import org.drugsandcrime.blog.web.comment.CommentText;
import org.drugsandcrime.blog.web.comment.CommentView;
import org.drugsandcrime.blog.web.site.Dates;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The home page with its older pages, and the post page. */
@Controller
class PostController {

	private static final int RELATED = 3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublishedPosts posts;

	private final PostArchives archives;

	private final PostComments comments;

	PostController(PublishedPosts posts, PostArchives archives, PostComments comments) {
		this.posts = posts;
		this.archives = archives;
		this.comments = comments;
	}

	@GetMapping("/")
	Mono<String> home(Model model) {
		return home(1, model);
	}

	@GetMapping("/page/{page}")
	Mono<String> olderPosts(@PathVariable String page, Model model) {
		int number = PageNumbers.parse(page);
		if (number == 1) {
			return Mono.just("redirect:/");
		}
		return home(number, model);
	}

	private Mono<String> home(int page, Model model) {
		SiteHeader site = SiteHeader.of(model);
		Mono<PostCard> featured = page == 1 ? archives.newestFeatured().map(post -> PostCard.of(post, site.time())) : Mono.empty();
		return Mono.zip(posts.latest(page, site.postsPerPage()), featured.map(List::of).defaultIfEmpty(List.of()))
			.map(both -> {
				var list = both.getT1();
				if (list.posts().isEmpty() && page > 1) {
					throw new ResponseStatusException(HttpStatus.NOT_FOUND);
				}
				PostCard highlighted = both.getT2().isEmpty() ? null : both.getT2().get(0);
				List<PostCard> cards = PostCard.of(list.posts(), site.time()).stream()
					.filter(card -> highlighted == null || !card.url().equals(highlighted.url()))
					.toList();
				model.addAttribute("home", new PostViews.Home(highlighted, cards, Pagination.of("/", list)));
				String title = page == 1 ? site.title() : site.title() + " – page " + page;
				model.addAttribute(PageMeta.ATTRIBUTE, PageMeta.website(site, title, site.description(), Pagination.path("/", page)));
				return "home";
			});
	}

	@GetMapping("/posts/{slug}")
	Mono<String> post(@PathVariable String slug, @RequestParam(name = "comment", required = false) String comment,
			Model model) {
		if (!Slugs.isValid(slug)) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		SiteHeader site = SiteHeader.of(model);
		return posts.bySlug(slug)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.flatMap(post -> Mono.zip(comments.approvedThread(post.id()), posts.related(post.id(), RELATED).collectList())
				.map(both -> {
					model.addAttribute("post", page(post, site, both.getT1(), both.getT2(), CommentForm.empty(post.slug()),
							"pending".equals(comment)));
					model.addAttribute(PageMeta.ATTRIBUTE, meta(post, site));
					return "post";
				}));
	}

	static PostViews.PostPage page(PublishedPost post, SiteHeader site,
			List<org.drugsandcrime.blog.core.comment.ThreadedComment> thread,
			List<org.drugsandcrime.blog.core.post.PostSummary> related, CommentForm form, boolean pending) {
		var author = post.author();
		String handle = author.twitterHandle() == null || author.twitterHandle().isBlank() ? null
				: author.twitterHandle().replaceFirst("^@", "");
		String url = site.absolute("/posts/" + post.slug());
		return new PostViews.PostPage(post.title(), post.bodyHtml(), site.time().date(post.publishedAt()),
				site.time().iso(post.publishedAt()), post.coverImage(), post.readingMinutes(),
				new PostViews.Author(author.displayName(), "/author/" + author.slug(), CommentText.toHtml(author.bio()), handle,
						handle == null ? null : "https://twitter.com/" + handle),
				post.categories(), post.tags(), post.series(), share(post.title(), url), PostCard.of(related, site.time()),
				CommentView.of(thread, site.time()), CommentView.count(thread), form,
				pending ? "Thank you. Your comment is waiting for moderation and will appear here once it is approved." : null);
	}

	private static PostViews.Share share(String title, String url) {
		String u = encode(url);
		String t = encode(title);
		return new PostViews.Share("https://twitter.com/intent/tweet?text=" + t + "&url=" + u,
				"https://www.linkedin.com/sharing/share-offsite/?url=" + u, "https://www.facebook.com/sharer/sharer.php?u=" + u,
				"mailto:?subject=" + t + "&body=" + u);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static PageMeta meta(PublishedPost post, SiteHeader site) {
		String url = site.absolute("/posts/" + post.slug());
		String image = post.coverImage() == null || post.coverImage().isBlank() ? null : site.absolute(post.coverImage());
		return new PageMeta(post.title() + " – " + site.title(), post.description(), url, "article", image,
				"/posts/" + post.slug() + "/comments/feed", "Comments on " + post.title(), jsonLd(post, site, url, image),
				Dates.iso(post.publishedAt()), Dates.iso(post.updatedAt()));
	}

	private static String jsonLd(PublishedPost post, SiteHeader site, String url, String image) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("@context", "https://schema.org");
		json.put("@type", "BlogPosting");
		json.put("headline", post.title());
		json.put("description", post.description());
		json.put("url", url);
		json.put("mainEntityOfPage", url);
		json.put("datePublished", Dates.iso(post.publishedAt()));
		json.put("dateModified", Dates.iso(post.updatedAt() != null ? post.updatedAt() : post.publishedAt()));
		Map<String, Object> author = new LinkedHashMap<>();
		author.put("@type", "Person");
		author.put("name", post.author().displayName());
		author.put("url", site.absolute("/author/" + post.author().slug()));
		json.put("author", author);
		json.put("publisher", Map.of("@type", "Organization", "name", site.title(), "url", site.absolute("/")));
		if (image != null) {
			json.put("image", image);
		}
		if (!post.tags().isEmpty()) {
			json.put("keywords", post.tags().stream().map(tag -> tag.name()).toList());
		}
		json.put("articleSection", post.categories().stream().map(category -> category.name()).toList());
		// Inside a script element "</" or "<!--" could end it early; JSON may spell "<" as \u003c.
		return JSON.writeValueAsString(json).replace("<", "\\u003c");
	}
}
