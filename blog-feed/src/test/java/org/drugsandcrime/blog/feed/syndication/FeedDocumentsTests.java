package org.drugsandcrime.blog.feed.syndication;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.feed.FeedTest;
import org.drugsandcrime.blog.feed.StandInHub;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drugsandcrime.blog.feed.FeedFixtures.fetch;
import static org.drugsandcrime.blog.feed.FeedFixtures.synd;
import static org.drugsandcrime.blog.feed.FeedFixtures.text;
import static org.drugsandcrime.blog.feed.FeedFixtures.wire;

/** RSS, Atom and JSON Feed as an independent parser reads them. */
@FeedTest
class FeedDocumentsTests {

	/** Everything that breaks hand-made XML: markup characters, quotes, emoji, right-to-left text, a CDATA end. */
	static final String AWKWARD = "Fish & <chips> \"quoted\" 'single' ]]> 🚔 العدالة الجنائية";

	static final Pattern RFC_822 = Pattern.compile("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} (GMT|[+-]\\d{4})");

	static final Pattern RFC_3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

	@Autowired
	WebTestClient web;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	PostComments comments;

	final JsonMapper json = JsonMapper.builder().build();

	Posts posts() {
		return new Posts(editing, publishing, users);
	}

	@Test
	void rssCarriesTheNewestPostsWithWholeBodiesAndParsesWithRome() {
		Post post = posts().draft("RSS lists this post").body("First paragraph.\n\nSecond *paragraph* with an [inline link](/pages/about).")
			.category("On Probation").tag("reoffending").publish();
		EntityExchangeResult<byte[]> result = fetch(web, "/feed");
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/rss+xml;charset=UTF-8");
		String xml = text(result);
		assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");

		Channel channel = (Channel) wire(xml);
		assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
		assertThat(channel.getItems()).hasSizeLessThanOrEqualTo(20);
		Item item = item(channel, post.getGuid());
		assertThat(item.getTitle()).isEqualTo("RSS lists this post");
		assertThat(item.getLink()).isEqualTo(FeedTest.BASE_URL + "/posts/" + post.getSlug());
		assertThat(item.getGuid().isPermaLink()).isFalse();
		assertThat(item.getDescription().getValue()).isEqualTo(post.getExcerpt());
		assertThat(item.getContent().getValue()).contains("<em>paragraph</em>")
			.contains("href=\"" + FeedTest.BASE_URL + "/pages/about\"");
		assertThat(item.getCategories()).extracting(category -> category.getValue()).contains("On Probation", "reoffending");
		assertThat(item.getComments()).isEqualTo(FeedTest.BASE_URL + "/posts/" + post.getSlug() + "#comments");

		SyndEntry entry = synd(xml).getEntries().stream().filter(e -> e.getUri().equals(post.getGuid())).findFirst().orElseThrow();
		assertThat(entry.getAuthor()).isEqualTo("Test Author");
		assertThat(rawValues(xml, "pubDate")).allMatch(date -> RFC_822.matcher(date).matches());
		assertThat(rawValues(xml, "lastBuildDate")).allMatch(date -> RFC_822.matcher(date).matches());
		assertThat(ZonedDateTime.parse(rawValues(xml, "pubDate").get(0), DateTimeFormatter.RFC_1123_DATE_TIME)).isNotNull();
	}

	@Test
	void feedsSayWhereTheyAreServedFromAndWhichHubToAsk() {
		String rss = text(fetch(web, "/feed"));
		assertThat(rss).contains("<atom:link href=\"" + FeedTest.BASE_URL + "/feed\" rel=\"self\" type=\"application/rss+xml\"")
			.contains("<atom:link href=\"" + StandInHub.get().url() + "\" rel=\"hub\"");
		Feed atom = (Feed) wire(text(fetch(web, "/feed/atom")));
		assertThat(atom.getOtherLinks()).extracting(Link::getRel, Link::getHref)
			.contains(org.assertj.core.groups.Tuple.tuple("self", FeedTest.BASE_URL + "/feed/atom"),
					org.assertj.core.groups.Tuple.tuple("hub", StandInHub.get().url()));
		JsonNode feed = json.readTree(fetch(web, "/feed.json").getResponseBody());
		assertThat(feed.get("feed_url").asString()).isEqualTo(FeedTest.BASE_URL + "/feed.json");
		assertThat(feed.get("hubs").get(0).get("type").asString()).isEqualTo("WebSub");
		assertThat(feed.get("hubs").get(0).get("url").asString()).isEqualTo(StandInHub.get().url());

		for (String path : List.of("/feed", "/feed/atom", "/feed.json")) {
			String link = fetch(web, path).getResponseHeaders().getFirst(HttpHeaders.LINK);
			assertThat(link).contains("<" + StandInHub.get().url() + ">; rel=\"hub\"")
				.contains("<" + FeedTest.BASE_URL + path + ">; rel=\"self\"");
		}
	}

	@Test
	void atomCarriesTheSamePostsWithStableIdsAndParsesWithRome() {
		Post post = posts().draft("Atom lists this post").category("Payment by Results").publish();
		EntityExchangeResult<byte[]> result = fetch(web, "/feed/atom");
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/atom+xml;charset=UTF-8");
		String xml = text(result);
		Feed feed = (Feed) wire(xml);
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getId()).startsWith("urn:uuid:");
		Entry entry = feed.getEntries().stream().filter(e -> e.getId().equals(post.getGuid())).findFirst().orElseThrow();
		assertThat(entry.getTitle()).isEqualTo("Atom lists this post");
		assertThat(entry.getAlternateLinks().get(0).getHref()).isEqualTo(FeedTest.BASE_URL + "/posts/" + post.getSlug());
		assertThat(entry.getAuthors().get(0).getName()).isEqualTo("Test Author");
		assertThat(entry.getCategories()).extracting(c -> c.getLabel()).contains("Payment by Results");
		assertThat(entry.getContents().get(0).getType()).isEqualTo("html");
		assertThat(entry.getContents().get(0).getValue()).isEqualTo(post.getBodyHtml());
		assertThat(entry.getSummary().getValue()).isEqualTo(post.getExcerpt());
		for (String element : List.of("updated", "published")) {
			assertThat(rawValues(xml, element)).isNotEmpty().allMatch(date -> RFC_3339.matcher(date).matches());
		}
		assertThat(((Feed) wire(text(fetch(web, "/feed/atom")))).getId()).as("the feed's id never changes").isEqualTo(feed.getId());
	}

	@Test
	void jsonFeedHasEveryFieldOfVersionOnePointOne() {
		Post post = posts().draft("JSON Feed lists this post").cover("/media/cover.png").tag("data lab").publish();
		EntityExchangeResult<byte[]> result = fetch(web, "/feed.json");
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/feed+json;charset=UTF-8");
		JsonNode feed = json.readTree(result.getResponseBody());
		assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.get("title").asString()).isNotBlank();
		assertThat(feed.get("home_page_url").asString()).isEqualTo(FeedTest.BASE_URL + "/");
		assertThat(feed.get("language").asString()).isEqualTo("en");
		assertThat(feed.get("items").isArray()).isTrue();
		assertThat(feed.get("items").size()).isBetween(1, 20);
		JsonNode item = null;
		for (JsonNode candidate : feed.get("items")) {
			assertThat(candidate.get("id").isString()).as("item ids are strings").isTrue();
			if (candidate.get("id").asString().equals(post.getGuid())) {
				item = candidate;
			}
		}
		assertThat(item).isNotNull();
		assertThat(item.get("url").asString()).isEqualTo(FeedTest.BASE_URL + "/posts/" + post.getSlug());
		assertThat(item.get("title").asString()).isEqualTo("JSON Feed lists this post");
		assertThat(item.get("content_html").asString()).isEqualTo(post.getBodyHtml());
		assertThat(item.get("summary").asString()).isEqualTo(post.getExcerpt());
		assertThat(item.get("image").asString()).isEqualTo(FeedTest.BASE_URL + "/media/cover.png");
		assertThat(OffsetDateTime.parse(item.get("date_published").asString())).isNotNull();
		assertThat(OffsetDateTime.parse(item.get("date_modified").asString())).isNotNull();
		assertThat(item.get("authors").get(0).get("name").asString()).isEqualTo("Test Author");
		assertThat(item.get("authors").get(0).get("url").asString()).startsWith(FeedTest.BASE_URL + "/author/");
		assertThat(item.get("tags").get(0).asString()).isEqualTo("data lab");
		assertThat(item.has("author")).as("1.1 dropped the single author").isFalse();
	}

	/** RSS text elements are read as HTML by some readers (descriptions by all): they read as the text it was. */
	@Test
	void awkwardTitlesAndBodiesComeOutWellFormedAndUnchanged() {
		Post post = posts().draft(AWKWARD).body("Body: " + AWKWARD + "\n\n<p>raw & ]]> html</p>").excerpt(AWKWARD).publish();
		Item item = item((Channel) wire(text(fetch(web, "/feed"))), post.getGuid());
		assertThat(readAsHtml(item.getTitle())).isEqualTo(AWKWARD);
		assertThat(readAsHtml(item.getDescription().getValue())).isEqualTo(AWKWARD);
		assertThat(item.getContent().getValue()).isEqualTo(post.getBodyHtml());

		Entry entry = ((Feed) wire(text(fetch(web, "/feed/atom")))).getEntries().stream()
			.filter(e -> e.getId().equals(post.getGuid())).findFirst().orElseThrow();
		assertThat(entry.getTitle()).isEqualTo(AWKWARD);
		assertThat(entry.getContents().get(0).getValue()).isEqualTo(post.getBodyHtml());

		JsonNode items = json.readTree(fetch(web, "/feed.json").getResponseBody()).get("items");
		JsonNode jsonItem = null;
		for (JsonNode candidate : items) {
			if (candidate.get("id").asString().equals(post.getGuid())) {
				jsonItem = candidate;
			}
		}
		assertThat(jsonItem.get("title").asString()).isEqualTo(AWKWARD);
		assertThat(jsonItem.get("summary").asString()).isEqualTo(AWKWARD);

		comments.submit(post.getId(), null, AWKWARD, "reader@example.org", null, "Comment: " + AWKWARD, false, "127.0.0.1")
			.flatMap(comment -> comments.moderate(comment.id(), CommentStatus.APPROVED))
			.block();
		Item comment = ((Channel) wire(text(fetch(web, "/posts/" + post.getSlug() + "/comments/feed")))).getItems().get(0);
		assertThat(readAsHtml(comment.getDescription().getValue())).isEqualTo("Comment: " + AWKWARD);
		assertThat(readAsHtml(comment.getTitle())).isEqualTo("By: " + AWKWARD);
	}

	@Test
	void idsStayTheSameAcrossEditsAndSlugChanges() {
		Posts.Builder draft = posts().draft("A title before the edit");
		Post post = draft.publish();
		editing.save(posts().draft("A title after the edit").slug("a-new-slug-for-ids").by(users.findById(post.getAuthorId()).block())
			.toDraft(post.getId()), null).block();
		Item item = item((Channel) wire(text(fetch(web, "/feed"))), post.getGuid());
		assertThat(item.getTitle()).isEqualTo("A title after the edit");
		assertThat(item.getLink()).endsWith("/posts/a-new-slug-for-ids");
		Entry entry = ((Feed) wire(text(fetch(web, "/feed/atom")))).getEntries().stream()
			.filter(e -> e.getId().equals(post.getGuid())).findFirst().orElseThrow();
		assertThat(entry.getTitle()).isEqualTo("A title after the edit");
		assertThat(post.getGuid()).as("no host in an id, so a move to another host keeps it").startsWith("urn:uuid:")
			.doesNotContain("example.org");
	}

	@Test
	void archiveFeedsListOnlyTheirOwnPosts() {
		StaffUser author = posts().author("Archive Author");
		Post inside = posts().draft("Inside every archive").category("Drug Consumption Rooms").tag("zurich")
			.series("Cafe culture", 1).by(author).publish();
		Post outside = posts().draft("Outside every archive").category("Featured").publish();
		for (String path : List.of("/category/drug-consumption-rooms/feed", "/tag/zurich/feed", "/series/cafe-culture/feed",
				"/author/" + author.slug() + "/feed")) {
			Channel channel = (Channel) wire(text(fetch(web, path)));
			assertThat(channel.getItems()).as(path).extracting(i -> i.getGuid().getValue())
				.contains(inside.getGuid()).doesNotContain(outside.getGuid());
			assertThat(text(fetch(web, path))).contains("href=\"" + FeedTest.BASE_URL + path + "\" rel=\"self\"");
		}
		web.get().uri("/category/no-such-category/feed").exchange().expectStatus().isNotFound();
		web.get().uri("/tag/Not A Slug/feed").exchange().expectStatus().isNotFound();
		web.get().uri("/author/..%2F..%2Fetc/feed").exchange().expectStatus().isNotFound();
	}

	@Test
	void aPostsCommentFeedListsItsApprovedCommentsOnly() {
		Post post = posts().draft("Comments are fed").publish();
		var approved = comments.submit(post.getId(), null, "Ann Reader", "ann@example.org", "https://ann.example.org",
				"An approved comment", false, "127.0.0.1").flatMap(c -> comments.moderate(c.id(), CommentStatus.APPROVED)).block();
		comments.submit(post.getId(), null, "Pat Pending", "pat@example.org", null, "A pending comment", false, "127.0.0.1").block();
		Channel channel = (Channel) wire(text(fetch(web, "/posts/" + post.getSlug() + "/comments/feed")));
		assertThat(channel.getItems()).hasSize(1);
		Item item = channel.getItems().get(0);
		assertThat(item.getDescription().getValue()).isEqualTo("<p>An approved comment</p>");
		assertThat(item.getGuid().getValue()).isEqualTo(post.getGuid() + "#comment-" + approved.id());
		assertThat(item.getLink()).isEqualTo(FeedTest.BASE_URL + "/posts/" + post.getSlug() + "#comment-" + approved.id());

		Post draft = posts().draft("Not published, no comment feed").save();
		web.get().uri("/posts/" + draft.getSlug() + "/comments/feed").exchange().expectStatus().isNotFound();
		web.get().uri("/posts/no-such-post/comments/feed").exchange().expectStatus().isNotFound();
	}

	@Test
	void theSiteCommentFeedListsTheNewestApprovedCommentsOfVisiblePostsOnly() {
		Post first = posts().draft("Site comments first").publish();
		Post second = posts().draft("Site comments second").publish();
		var older = approved(first, "Ann Reader", "An older approved comment");
		var newer = approved(second, "Bob Reader", "A newer approved comment");
		comments.submit(first.getId(), null, "Pat Pending", "pat@example.org", null, "A pending comment", false, "127.0.0.1").block();
		Post hidden = posts().draft("Site comments on a post that goes").publish();
		approved(hidden, "Cy Reader", "A comment whose post is unpublished");
		publishing.unpublish(hidden.getId()).block();

		EntityExchangeResult<byte[]> feed = fetch(web, "/comments/feed");
		assertThat(feed.getResponseHeaders().getContentType().toString()).startsWith("application/rss+xml");
		Channel channel = (Channel) wire(text(feed));
		List<String> guids = channel.getItems().stream().map(i -> i.getGuid().getValue()).toList();
		assertThat(guids).containsSubsequence(second.getGuid() + "#comment-" + newer.id(),
				first.getGuid() + "#comment-" + older.id());
		assertThat(text(feed)).doesNotContain("A pending comment").doesNotContain("whose post is unpublished");
		Item item = item(channel, second.getGuid() + "#comment-" + newer.id());
		assertThat(item.getTitle()).isEqualTo("Comment on Site comments second by Bob Reader");
		assertThat(item.getLink()).isEqualTo(FeedTest.BASE_URL + "/posts/" + second.getSlug() + "#comment-" + newer.id());
		assertThat(item.getDescription().getValue()).isEqualTo("<p>A newer approved comment</p>");
		assertThat(item.getPubDate()).isNotNull();

		approved(first, "Dee Reader", "One more");
		assertThat(fetch(web, "/comments/feed").getResponseHeaders().getETag())
			.isNotEqualTo(feed.getResponseHeaders().getETag());
	}

	private org.drugsandcrime.blog.core.comment.Comment approved(Post post, String name, String body) {
		return comments.submit(post.getId(), null, name, "reader@example.org", null, body, false, "127.0.0.1")
			.flatMap(c -> comments.moderate(c.id(), CommentStatus.APPROVED))
			.block();
	}

	@Test
	void anUnpublishedPostLeavesTheFeeds() {
		Post post = posts().draft("Here and then gone").publish();
		assertThat(text(fetch(web, "/feed"))).contains(post.getGuid());
		publishing.unpublish(post.getId()).block();
		for (String path : List.of("/feed", "/feed/atom", "/feed.json")) {
			assertThat(new String(fetch(web, path).getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)).as(path)
				.doesNotContain(post.getGuid());
		}
	}

	@Test
	void headAnswersLikeGetWithoutABody() {
		EntityExchangeResult<byte[]> get = fetch(web, "/feed");
		EntityExchangeResult<byte[]> head = web.head().uri("/feed").exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult();
		assertThat(head.getResponseBody()).isNullOrEmpty();
		for (String header : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
				HttpHeaders.CACHE_CONTROL, HttpHeaders.LINK)) {
			assertThat(head.getResponseHeaders().get(header)).as(header).isEqualTo(get.getResponseHeaders().get(header));
		}
	}

	static Item item(Channel channel, String guid) {
		return channel.getItems().stream().filter(i -> i.getGuid().getValue().equals(guid)).findFirst()
			.orElseThrow(() -> new AssertionError("No item " + guid + " in the feed"));
	}

	/** What a reader that renders the value as HTML shows. */
	static String readAsHtml(String value) {
		return org.jsoup.Jsoup.parseBodyFragment(value).body().text();
	}

	/** The text of every {@code <name>} element, as sent. */
	static List<String> rawValues(String xml, String name) {
		Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
		List<String> values = new java.util.ArrayList<>();
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}
}
