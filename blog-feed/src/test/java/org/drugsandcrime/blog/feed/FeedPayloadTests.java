package org.drugsandcrime.blog.feed;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.render.XmlCharacters;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.drugsandcrime.blog.feed.FeedFixtures.assertValidSitemap;
import static org.drugsandcrime.blog.feed.FeedFixtures.assertValidSitemapIndex;
import static org.drugsandcrime.blog.feed.FeedFixtures.fetch;
import static org.drugsandcrime.blog.feed.FeedFixtures.synd;
import static org.drugsandcrime.blog.feed.FeedFixtures.wire;

/**
 * Hostile text in every stored field that reaches a feed or sitemap, read back the way a feed reader reads each
 * field: XML-decoded by a real parser, then, where readers take the field for HTML (every RSS text element: some
 * readers render even titles and categories as HTML), parsed as HTML. The reader must see the text that was
 * stored, character for character (less the characters XML cannot carry), and never an element or attribute made
 * of it. Atom's {@code type="text"} constructs and JSON Feed's plain-text fields must carry the text itself.
 */
@FeedTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPayloadTests {

	/** Over 100 KB of markup, entities and CDATA ends. */
	static final String LONG = "<img src=x onerror=alert(1)> &amp; ]]> <script>alert(1)</script> <b>&lt;</b> "
		.repeat(1400);

	static final List<String> PAYLOADS = List.of("<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
			"\"><svg onload=alert(1)>", "]]><img src=x onerror=alert(2)>", "<![CDATA[<script>alert(3)</script>]]>",
			"&lt;script&gt;alert(4)&lt;/script&gt;", "Tom &amp; Jerry &amp;amp; &copy; &#60;b&#62; AT&T",
			"<a href=\"javascript:alert(5)\">click</a> javascript:alert(6)",
			"nul\u0000 backspace\u0008 non-character\uFFFE end", "lone \uD800 high and \uDC00 low",
			"\u202Etxt.exe <b>reversed</b>", "<!-- comment --> <? pi ?> </p> <p onclick=alert(7)>", LONG);

	/** Markdown around the payload: links and raw HTML a sanitiser must take apart. */
	static final String BODY = """
			%s

			[a link](javascript:alert(8)) <a href="javascript:alert(9)" onclick="alert(10)">raw</a>
			<img src="x" onerror="alert(11)"> <iframe src="https://evil.example/"></iframe> <svg onload="alert(12)"></svg>
			""";

	/** The elements a reader's plain text becomes in an RSS description: paragraphs, line breaks, links. */
	static final Set<String> PARAGRAPHS = Set.of("p", "br", "a");

	static final String RSS = "";

	static final String DC = "http://purl.org/dc/elements/1.1/";

	static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

	static final String ATOM = "http://www.w3.org/2005/Atom";

	static final String NEWS = "http://www.google.com/schemas/sitemap-news/0.9";

	static final Pattern DANGEROUS_URL = Pattern.compile("^\\s*(javascript|vbscript|data):.*",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

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

	@Autowired
	DatabaseClient database;

	final JsonMapper json = JsonMapper.builder().build();

	final List<Planted> planted = new ArrayList<>();

	final List<String> problems = new ArrayList<>();

	String[] siteBefore;

	Stored site;

	@BeforeAll
	void plantEveryPayloadInEveryField() {
		// A feed of twenty 100 KB payloads is larger than the test client's default buffer.
		web = web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
		siteBefore = database.sql("SELECT title, tagline FROM site_settings WHERE id = 1")
			.map((row, meta) -> new String[] { row.get("title", String.class), row.get("tagline", String.class) })
			.one()
			.block();
		String short_ = String.join(" | ", PAYLOADS.subList(0, PAYLOADS.size() - 1));
		database.sql("UPDATE site_settings SET title = :title, tagline = :tagline WHERE id = 1")
			.bind("title", storable("Site " + short_))
			.bind("tagline", storable("Tagline " + short_))
			.then()
			.block();
		site = database.sql("SELECT title, tagline FROM site_settings WHERE id = 1")
			.map((row, meta) -> new Stored(row.get("title", String.class), row.get("tagline", String.class)))
			.one()
			.block();
		Posts posts = new Posts(editing, publishing, users);
		long run = System.nanoTime() % 1_000_000;
		for (int i = 0; i < PAYLOADS.size(); i++) {
			planted.add(plant(posts, run + "-" + i, storable(PAYLOADS.get(i))));
		}
	}

	@BeforeEach
	void noProblemsYet() {
		problems.clear();
	}

	@AfterAll
	void takeThePayloadsOffTheSite() {
		for (Planted post : planted) {
			publishing.unpublish(post.id()).block();
		}
		database.sql("UPDATE site_settings SET title = :title, tagline = :tagline WHERE id = 1")
			.bind("title", siteBefore[0])
			.bind("tagline", siteBefore[1])
			.then()
			.block();
	}

	/**
	 * Through the services staff and readers use, then the payload written over every text field with SQL, as an
	 * import or an old row could hold it whatever today's forms accept.
	 */
	private Planted plant(Posts posts, String n, String payload) {
		StaffUser author = posts.author("Payload author " + n);
		Post post = posts.draft("Payload post " + n)
			.body(BODY.formatted(payload))
			.excerpt("Payload excerpt " + n)
			.category("Payload category " + n)
			.tag("payload tag " + n)
			.series("Payload series " + n, 1)
			.by(author)
			.publish();
		long comment = comments
			.submit(post.getId(), null, "Payload reader " + n, "reader@example.org", null, "Payload comment " + n, false,
					"127.0.0.1")
			.flatMap(c -> comments.moderate(c.id(), CommentStatus.APPROVED))
			.block()
			.id();
		update("UPDATE posts SET title = :p, excerpt = :p WHERE id = :id", payload, post.getId());
		update("UPDATE users SET display_name = :p, bio = :p WHERE id = :id", payload, author.id());
		update("UPDATE categories SET name = :p, description = :p WHERE id IN "
				+ "(SELECT category_id FROM post_categories WHERE post_id = :id)", payload, post.getId());
		update("UPDATE tags SET name = :p WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = :id)", payload,
				post.getId());
		update("UPDATE series SET name = :p, description = :p WHERE id = (SELECT series_id FROM posts WHERE id = :id)",
				payload, post.getId());
		update("UPDATE comments SET author_name = :p, body = :p, author_website = 'javascript:alert(13)' WHERE id = :id",
				payload, comment);
		return database.sql("""
				SELECT p.id, p.guid, p.slug, p.title, p.excerpt, p.body_html, u.slug AS author_slug, u.display_name, u.bio,
				       c.slug AS category_slug, c.name AS category_name, c.description AS category_description,
				       t.slug AS tag_slug, t.name AS tag_name, s.slug AS series_slug, s.name AS series_name,
				       s.description AS series_description, k.author_name AS commenter, k.body AS comment
				FROM posts p JOIN users u ON u.id = p.author_id
				JOIN post_categories pc ON pc.post_id = p.id JOIN categories c ON c.id = pc.category_id
				JOIN post_tags pt ON pt.post_id = p.id JOIN tags t ON t.id = pt.tag_id
				JOIN series s ON s.id = p.series_id JOIN comments k ON k.post_id = p.id
				WHERE p.id = :id""")
			.bind("id", post.getId())
			.map((row, meta) -> new Planted(row.get("id", Long.class), row.get("guid", String.class),
					row.get("slug", String.class), row.get("title", String.class), row.get("excerpt", String.class),
					row.get("body_html", String.class), row.get("author_slug", String.class),
					row.get("display_name", String.class), row.get("bio", String.class), row.get("category_slug", String.class),
					row.get("category_name", String.class), row.get("category_description", String.class),
					row.get("tag_slug", String.class), row.get("tag_name", String.class), row.get("series_slug", String.class),
					row.get("series_name", String.class), row.get("series_description", String.class),
					row.get("commenter", String.class), row.get("comment", String.class)))
			.one()
			.block();
	}

	@Test
	void rssReadersSeeEveryPayloadAsTheTextItWasAndNeverAsMarkup() {
		Element channel = rssChannel("/feed");
		readsAsText("channel title", text(channel, RSS, "title"), site.title());
		readsAsHtmlText("channel description", text(channel, RSS, "description"), site.tagline());
		for (Planted post : planted) {
			rssItem(item(channel, post.guid()), post);
		}
		noProblems();
	}

	@Test
	void everyArchiveFeedCarriesItsPayloadNameAndDescriptionAsText() {
		for (Planted post : planted) {
			Element category = rssChannel("/category/" + post.categorySlug() + "/feed");
			readsAsText("category feed title", text(category, RSS, "title"), site.title() + " – " + post.categoryName());
			readsAsHtmlText("category feed description", text(category, RSS, "description"), post.categoryDescription());
			rssItem(item(category, post.guid()), post);

			Element tag = rssChannel("/tag/" + post.tagSlug() + "/feed");
			readsAsText("tag feed title", text(tag, RSS, "title"), site.title() + " – " + post.tagName());
			readsAsHtmlText("tag feed description", text(tag, RSS, "description"), site.tagline());

			Element author = rssChannel("/author/" + post.authorSlug() + "/feed");
			readsAsText("author feed title", text(author, RSS, "title"), site.title() + " – " + post.authorName());
			readsAsHtmlText("author feed description", text(author, RSS, "description"), post.authorBio());

			Element series = rssChannel("/series/" + post.seriesSlug() + "/feed");
			readsAsText("series feed title", text(series, RSS, "title"), site.title() + " – " + post.seriesName());
			readsAsHtmlText("series feed description", text(series, RSS, "description"), post.seriesDescription());
		}
		noProblems();
	}

	@Test
	void commentFeedsCarryTheReadersNamesAndWordsAsText() {
		for (Planted post : planted) {
			Element channel = rssChannel("/posts/" + post.slug() + "/comments/feed");
			readsAsText("comment feed title", text(channel, RSS, "title"), "Comments on: " + post.title());
			readsAsHtmlText("comment feed description", text(channel, RSS, "description"),
					"Comments on “" + post.title() + "” at " + site.title());
			Element item = children(channel, RSS, "item").get(0);
			readsAsText("comment title", text(item, RSS, "title"), "By: " + post.commenter());
			readsAsText("comment dc:creator", text(item, DC, "creator"), post.commenter());
			readsAsHtmlText("comment description", text(item, RSS, "description"), post.comment());
		}
		Element channel = rssChannel("/comments/feed");
		readsAsText("site comment feed title", text(channel, RSS, "title"), "Comments for " + site.title());
		readsAsHtmlText("site comment feed description", text(channel, RSS, "description"), site.tagline());
		for (Planted post : planted) {
			Element item = children(channel, RSS, "item").stream()
				.filter(i -> text(i, RSS, "guid").startsWith(post.guid() + "#comment-"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No comment of " + post.slug() + " in /comments/feed"));
			readsAsText("site comment title", text(item, RSS, "title"),
					"Comment on " + post.title() + " by " + post.commenter());
			readsAsText("site comment dc:creator", text(item, DC, "creator"), post.commenter());
			readsAsHtmlText("site comment description", text(item, RSS, "description"), post.comment());
		}
		noProblems();
	}

	@Test
	void atomCarriesEveryPayloadAsTypedTextAndTheBodyAsSanitisedHtml() {
		byte[] bytes = fetch(web, "/feed/atom").getResponseBody();
		wire(new String(bytes, StandardCharsets.UTF_8));
		Element feed = xml("/feed/atom", bytes).getDocumentElement();
		typedText("feed title", child(feed, ATOM, "title"), site.title());
		typedText("feed subtitle", child(feed, ATOM, "subtitle"), site.tagline());
		for (Planted post : planted) {
			Element entry = children(feed, ATOM, "entry").stream()
				.filter(e -> text(e, ATOM, "id").equals(post.guid()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No entry " + post.guid() + " in the Atom feed"));
			typedText("entry title", child(entry, ATOM, "title"), post.title());
			typedText("entry summary", child(entry, ATOM, "summary"), post.excerpt());
			same("entry author name", text(child(entry, ATOM, "author"), ATOM, "name"), XmlCharacters.clean(post.authorName()));
			List<Element> categories = children(entry, ATOM, "category");
			assertThat(categories).hasSize(2);
			same("entry category label", categories.get(0).getAttribute("label"), XmlCharacters.clean(post.categoryName()));
			same("entry tag label", categories.get(1).getAttribute("label"), XmlCharacters.clean(post.tagName()));
			Element content = child(entry, ATOM, "content");
			same("entry content type", content.getAttribute("type"), "html");
			sanitisedBody("Atom content", content.getTextContent(), post);
		}
		noProblems();
	}

	@Test
	void jsonFeedCarriesEveryPayloadAsPlainTextAndTheBodyAsSanitisedHtml() {
		JsonNode feed = json.readTree(fetch(web, "/feed.json").getResponseBody());
		same("feed title", feed.get("title").asString(), XmlCharacters.clean(site.title()));
		same("feed description", feed.get("description").asString(), XmlCharacters.clean(site.tagline()));
		for (Planted post : planted) {
			JsonNode item = null;
			for (JsonNode candidate : feed.get("items")) {
				if (candidate.get("id").asString().equals(post.guid())) {
					item = candidate;
				}
			}
			assertThat(item).as("JSON Feed item " + post.guid()).isNotNull();
			same("item title", item.get("title").asString(), XmlCharacters.clean(post.title()));
			same("item summary", item.get("summary").asString(), XmlCharacters.clean(post.excerpt()));
			same("item author name", item.get("authors").get(0).get("name").asString(),
					XmlCharacters.clean(post.authorName()));
			assertThat(item.get("tags").size()).isEqualTo(2);
			same("item category", item.get("tags").get(0).asString(), XmlCharacters.clean(post.categoryName()));
			same("item tag", item.get("tags").get(1).asString(), XmlCharacters.clean(post.tagName()));
			assertThat(item.has("content_text")).as("no plain-text copy of the body to keep in step").isFalse();
			sanitisedBody("JSON content_html", item.get("content_html").asString(), post);
		}
		noProblems();
	}

	@Test
	void sitemapsStayWellFormedAndValidWithEveryPayloadInThem() {
		byte[] index = fetch(web, "/sitemap.xml").getResponseBody();
		assertValidSitemapIndex(index);
		for (Element sitemap : children(xml("/sitemap.xml", index).getDocumentElement(),
				"http://www.sitemaps.org/schemas/sitemap/0.9", "sitemap")) {
			String loc = text(sitemap, "http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
			byte[] bytes = fetch(web, loc.substring(FeedTest.BASE_URL.length())).getResponseBody();
			assertValidSitemap(bytes);
			xml(loc, bytes);
		}
		byte[] news = fetch(web, "/sitemap-news.xml").getResponseBody();
		assertValidSitemap(news);
		Document document = xml("/sitemap-news.xml", news);
		for (Planted post : planted) {
			Element url = children(document.getDocumentElement(), "http://www.sitemaps.org/schemas/sitemap/0.9", "url")
				.stream()
				.filter(u -> text(u, "http://www.sitemaps.org/schemas/sitemap/0.9", "loc")
					.equals(FeedTest.BASE_URL + "/posts/" + post.slug()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No news entry for " + post.slug()));
			Element entry = child(url, NEWS, "news");
			same("news title", text(entry, NEWS, "title"), XmlCharacters.clean(post.title()));
			same("news publication name", text(child(entry, NEWS, "publication"), NEWS, "name"),
					XmlCharacters.clean(site.title()));
		}
		noProblems();
	}

	private void rssItem(Element item, Planted post) {
		readsAsText("item title", text(item, RSS, "title"), post.title());
		readsAsHtmlText("item description", text(item, RSS, "description"), post.excerpt());
		readsAsText("item dc:creator", text(item, DC, "creator"), post.authorName());
		List<Element> categories = children(item, RSS, "category");
		assertThat(categories).hasSize(2);
		readsAsText("item category", categories.get(0).getTextContent(), post.categoryName());
		readsAsText("item tag", categories.get(1).getTextContent(), post.tagName());
		sanitisedBody("content:encoded", text(item, CONTENT, "encoded"), post);
	}

	/** Fetched, parsed by ROME and by the JDK's XML parser, and its channel. */
	private Element rssChannel(String path) {
		byte[] bytes = fetch(web, path).getResponseBody();
		synd(new String(bytes, StandardCharsets.UTF_8));
		return child(xml(path, bytes).getDocumentElement(), RSS, "channel");
	}

	/**
	 * A field some readers show as plain text and others render as HTML: read as HTML it holds no element at all,
	 * and its text is the stored text.
	 */
	private void readsAsText(String field, String value, String stored) {
		noMarkup(field, value, Set.of());
		same(field + ", read as HTML", Jsoup.parseBodyFragment(value).body().text(), normalised(stored));
	}

	/** An RSS description: HTML by convention, holding only the paragraphs and links of the stored text. */
	private void readsAsHtmlText(String field, String value, String stored) {
		noMarkup(field, value, PARAGRAPHS);
		same(field + ", read as HTML", Jsoup.parseBodyFragment(value).body().text(), normalised(stored));
	}

	/** Atom {@code type="text"}: readers show the characters themselves. */
	private void typedText(String field, Element element, String stored) {
		same(field + " type", element.getAttribute("type"), "text");
		same(field, element.getTextContent(), XmlCharacters.clean(stored));
	}

	private void noMarkup(String field, String value, Set<String> allowed) {
		org.jsoup.nodes.Element body = Jsoup.parseBodyFragment(value).body();
		for (org.jsoup.nodes.Element element : body.getAllElements()) {
			if (element == body) {
				continue;
			}
			if (!allowed.contains(element.tagName())) {
				problem(field + ", read as HTML, has an element made of the payload: " + abbreviated(element.outerHtml()));
				return;
			}
			for (Attribute attribute : element.attributes()) {
				if (!Set.of("href", "rel").contains(attribute.getKey())) {
					problem(field + ": attribute " + attribute.getKey() + " on <" + element.tagName() + ">");
				}
			}
			if (element.tagName().equals("a")
					&& (!element.attr("href").matches("https?://.*") || !element.attr("rel").contains("nofollow"))) {
				problem(field + ": link " + abbreviated(element.outerHtml()));
			}
		}
	}

	/** The stored, sanitised body, as it was stored; and nothing in it a browser would run. */
	private void sanitisedBody(String field, String html, Planted post) {
		same(field + " is the stored body", html, XmlCharacters.clean(post.bodyHtml()));
		org.jsoup.nodes.Element body = Jsoup.parseBodyFragment(html).body();
		for (org.jsoup.nodes.Element element : body.getAllElements()) {
			if (Set.of("script", "style", "svg", "math", "iframe", "object", "embed", "form", "base", "meta", "link")
				.contains(element.tagName())) {
				problem(field + ": " + abbreviated(element.outerHtml()));
			}
			for (Attribute attribute : element.attributes()) {
				if (attribute.getKey().toLowerCase(Locale.ROOT).startsWith("on")
						|| DANGEROUS_URL.matcher(attribute.getValue()).matches()) {
					problem(field + ": attribute " + attribute.getKey() + "=" + abbreviated(attribute.getValue()));
				}
			}
		}
		if (!body.text().contains("a link")) {
			problem(field + " lost the text of a link whose address was taken out");
		}
	}

	/** Equal, or a problem showing where they part (a payload can be 100 KB long). */
	private void same(String field, String actual, String expected) {
		if (expected.equals(actual)) {
			return;
		}
		int at = 0;
		while (at < actual.length() && at < expected.length() && actual.charAt(at) == expected.charAt(at)) {
			at++;
		}
		int from = Math.max(0, at - 20);
		problem(field + " differs at " + at + ": reader sees «" + actual.substring(from, Math.min(actual.length(), at + 40))
				+ "», stored «" + expected.substring(from, Math.min(expected.length(), at + 40)) + "»");
	}

	private void problem(String description) {
		if (!problems.contains(description)) {
			problems.add(description);
		}
	}

	/** Every problem found, so a failure names each field that went wrong rather than the first. */
	private void noProblems() {
		assertThat(problems).as("what readers would see wrongly").isEmpty();
	}

	private Document xml(String where, byte[] bytes) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			Document document = builder.parse(new ByteArrayInputStream(bytes));
			noDangerousAddress(where, document.getDocumentElement());
			return document;
		}
		catch (Exception ex) {
			throw new AssertionError(where + " is not well-formed XML: " + ex.getMessage(), ex);
		}
	}

	/** No attribute or link element anywhere in a document holds a script address. */
	private static void noDangerousAddress(String where, Element element) {
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			assertThat(attribute.getValue()).as(where + ": @" + attribute.getName()).doesNotMatch(DANGEROUS_URL);
		}
		if (Set.of("link", "loc", "comments", "guid").contains(element.getLocalName())) {
			assertThat(element.getTextContent()).as(where + ": <" + element.getLocalName() + ">")
				.doesNotMatch(DANGEROUS_URL);
		}
		for (Element child : children(element, null, null)) {
			noDangerousAddress(where, child);
		}
	}

	private static Element item(Element channel, String guid) {
		return children(channel, RSS, "item").stream()
			.filter(i -> text(i, RSS, "guid").equals(guid))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No item " + guid));
	}

	/** Child elements in a namespace ("" for none, null for any) with a local name (null for any). */
	private static List<Element> children(Element parent, String namespace, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
				Element element = (Element) nodes.item(i);
				String ns = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
				if ((namespace == null || namespace.equals(ns)) && (name == null || name.equals(element.getLocalName()))) {
					found.add(element);
				}
			}
		}
		return found;
	}

	private static Element child(Element parent, String namespace, String name) {
		List<Element> found = children(parent, namespace, name);
		assertThat(found).as("<" + name + "> in <" + parent.getLocalName() + ">").hasSize(1);
		return found.get(0);
	}

	private static String text(Element parent, String namespace, String name) {
		return child(parent, namespace, name).getTextContent();
	}

	/** What a reader sees of stored text: the characters XML can carry, white space run together. */
	private static String normalised(String stored) {
		return XmlCharacters.clean(stored).replaceAll("\\s+", " ").strip();
	}

	/** PostgreSQL's text cannot hold U+0000 at all; every other character is stored as given. */
	private static String storable(String payload) {
		return payload.replace("\u0000", "");
	}

	private static String abbreviated(String html) {
		return html.length() > 200 ? html.substring(0, 200) + "…" : html;
	}

	private void update(String sql, String payload, long id) {
		database.sql(sql).bind("p", payload).bind("id", id).then().block();
	}

	record Stored(String title, String tagline) {
	}

	record Planted(long id, String guid, String slug, String title, String excerpt, String bodyHtml, String authorSlug,
			String authorName, String authorBio, String categorySlug, String categoryName, String categoryDescription,
			String tagSlug, String tagName, String seriesSlug, String seriesName, String seriesDescription,
			String commenter, String comment) {
	}
}
