package org.drugsandcrime.blog.web.quality;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.drugsandcrime.blog.core.comment.Comment;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.page.Page;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.settings.SiteEditing;
import org.drugsandcrime.blog.core.settings.SiteSettings;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.web.RawHttp;
import org.drugsandcrime.blog.web.RawHttp.Answer;
import org.drugsandcrime.blog.web.RawHttp.Ending;
import org.drugsandcrime.blog.web.Readers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz of the public surface, repeatable from its seed (printed; {@code -Dblog.fuzz.seed=…} replays one):
 * hostile values stored in every field readers see (through the core's own services, as staff and commenters would),
 * then a few thousand requests with hostile values in every route, parameter and header, and bodies of every wrong
 * kind on every POST. Nothing may answer 5xx or hang; no HTML page, feed or sitemap may carry a payload as markup;
 * feeds and sitemaps stay well-formed XML; no table changes but by the writes a reader may cause (pending comments
 * and subscriptions, their mail, view counts).
 */
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PublicSurfaceFuzzTests {

	static final long DEFAULT_SEED = 20261203L;

	/** Random requests on top of the systematic ones (every route with every payload, every POST with every body). */
	static final int RANDOM_REQUESTS = 500;

	/** Routes take turns with the payloads: route r gets payloads r, r+1, r+4, r+5 … (and so on, modulo this). */
	static final int PAYLOADS_PER_ROUTE = 4;

	/**
	 * Clients at once. One: Thymeleaf guards its attribute definitions with a read-write lock that concurrent renders
	 * wait on, and BlockHound fails a render that parks an event loop, so concurrent clients here fail requests for a
	 * reason of the test's making.
	 */
	static final int CLIENTS = 1;

	/**
	 * Values an attacker types. Each one that could become markup carries the marker element {@code <fuzzel>}, an
	 * {@code onfuzz} attribute, a {@code fuzz(} call in a script or a {@code javascript:} address: what the checks look for.
	 */
	static final List<String> PAYLOADS = List.of(
			"<fuzzel onfuzz=1>tag</fuzzel>",
			"\"><fuzzel onfuzz=\"1\">",
			"'><img src=x onfuzz=fuzz(1)>",
			"<script>fuzz(1)</script>",
			"<svg><fuzzel onfuzz=1></fuzzel></svg>",
			"</textarea></title></script><fuzzel onfuzz=1>",
			"]]><fuzzel onfuzz=1><![CDATA[",
			"<!--<fuzzel onfuzz=1>-->",
			"&lt;fuzzel onfuzz=1&gt; &amp;lt;fuzzel onfuzz=1&amp;gt;",
			"<a href=\"javascript:fuzz(1)\">link</a>",
			"javascript:fuzz(1)",
			"[link](javascript:fuzz(1)) ![i](x\" onfuzz=\"1)",
			"' OR '1'='1' --",
			"'; DROP TABLE posts; --",
			"\\'); SELECT pg_sleep(3); --",
			"../../../../etc/passwd",
			"..%2f..%2f..%2fetc%2fpasswd",
			"%00",
			"%C0%AE%C0%AE%C0%AF",
			"\r\nSet-Cookie: fuzz=1",
			"%0d%0aSet-Cookie:%20fuzz=1",
			"{{7*7}}${7*7}[[${7*7}]][(${7*7})]*{7*7}#{7*7}",
			"Ünïcödé \u202Egnp.exe \uD835\uDD18\uD835\uDD2B \uFEFF\u200B 中文 🙂",
			"x".repeat(20_000) + "<fuzzel onfuzz=1>");

	/** Sent only, never stored: the database keeps no NUL, and a lone surrogate is not text. */
	static final List<String> SENT_ONLY = List.of("a\u0000b<fuzzel onfuzz=1>", "\uD800<fuzzel onfuzz=1>", "%", "%zz%");

	static final List<String> HEADERS = List.of("Host", "Accept", "Accept-Encoding", "Accept-Language", "If-None-Match",
			"If-Modified-Since", "Range", "Cookie", "Referer", "User-Agent", "Origin", "Sec-Fetch-Site", "X-Forwarded-For",
			"X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "Forwarded", "X-Real-IP",
			"Content-Type", "Authorization");

	static final List<String> PARAMETERS = List.of("q", "page", "p", "page_id", "cat", "tag", "feed", "s", "m", "author",
			"attachment_id", "preview", "token", "comment", "replytocom", "utm_source", "x", "");

	/** Tables a reader's request may write, and so are checked row by row rather than as a whole. */
	static final List<String> WRITTEN_BY_READERS = List.of("comments", "subscribers", "mail_outbox", "post_daily_views");

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	PostComments comments;

	@Autowired
	PageEditing pages;

	@Autowired
	SiteEditing siteEditing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	Site site;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Value("${local.server.port}")
	int port;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void hostileValuesEverywhereNeverYieldA5xxMarkupOrAnUnintendedWrite() throws Exception {
		long seed = Long.getLong("blog.fuzz.seed", DEFAULT_SEED);
		System.out.println("PublicSurfaceFuzzTests seed: " + seed + " (replay with -Dblog.fuzz.seed=" + seed + ")");
		Random random = new Random(seed);
		SiteSettings original = site.settings().block();
		Fixtures fixtures = null;
		try {
			fixtures = storePayloads();
			Map<String, String> before = snapshot();
			Map<String, Long> lastIds = new LinkedHashMap<>();
			Map<String, String> rowsBefore = new LinkedHashMap<>();
			for (String table : List.of("comments", "subscribers", "mail_outbox")) {
				lastIds.put(table, maxId(table));
				rowsBefore.put(table, checksum(table, lastIds.get(table)));
			}

			List<Request> requests = requests(fixtures, random);
			RawHttp http = new RawHttp(port);
			Map<String, List<String>> wrong = new ConcurrentSkipListMap<>();
			Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
			long started = System.nanoTime();
			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			try {
				List<Future<?>> sent = new ArrayList<>();
				for (Request request : requests) {
					sent.add(clients.submit(() -> {
						Answer answer = http.send(request.head(), request.body(), Ending.WAIT, Duration.ofSeconds(30));
						statuses.merge(answer.status(), 1, Integer::sum);
						String problem = problem(request, answer);
						if (problem != null) {
							wrong.computeIfAbsent(answer.status() + " " + problem, key -> new CopyOnWriteArrayList<>())
								.add(request.describe());
						}
					}));
				}
				for (Future<?> each : sent) {
					each.get();
				}
			}
			finally {
				clients.shutdownNow();
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			System.out.println("PublicSurfaceFuzzTests: " + requests.size() + " requests in " + took.toMillis() + " ms, statuses "
					+ statuses);
			SoftAssertions soft = new SoftAssertions();
			Map<String, String> examples = new TreeMap<>();
			wrong.forEach((problem, where) -> examples.put(problem, where.size() + "×, e.g. " + where.subList(0, Math.min(3, where.size()))));
			soft.assertThat(examples).as("requests answered wrongly (seed " + seed + ")").isEmpty();

			Map<String, String> after = snapshot();
			Map<String, String> changed = new LinkedHashMap<>();
			before.forEach((table, state) -> {
				if (!WRITTEN_BY_READERS.contains(table) && !state.equals(after.get(table))) {
					changed.put(table, state + " → " + after.get(table));
				}
			});
			soft.assertThat(changed).as("tables changed by the fuzz").isEmpty();
			soft.assertThat(after.keySet()).isEqualTo(before.keySet());
			assertOnlyIntendedRows(soft, rowsBefore, lastIds);
			soft.assertAll();
		}
		finally {
			// Later classes share the database: the payloads leave the public site with the fuzz.
			if (fixtures != null) {
				fixtures.posts().forEach(post -> publishing.unpublish(post.getId()).block());
				fixtures.pages().forEach(page -> pages.delete(page.id()).block());
			}
			siteEditing.save(original.title(), original.tagline(), original.description(), original.contactEmail(),
					original.contactDetails(), original.postsPerPage(), original.timeZone()).block();
		}
	}

	/** What the stored payloads are reachable by. */
	record Fixtures(List<Post> posts, List<Page> pages, List<String> categories, List<String> tags, List<String> series,
			List<String> authors, List<Comment> comments) {
	}

	/** Every payload in every field a reader sees: posts, their terms and authors, pages, comments, site settings. */
	Fixtures storePayloads() {
		Readers readers = Readers.of(context, web);
		List<Post> posts = new ArrayList<>();
		List<Page> storedPages = new ArrayList<>();
		List<String> categories = new ArrayList<>();
		List<String> tags = new ArrayList<>();
		List<String> series = new ArrayList<>();
		List<String> authors = new ArrayList<>();
		List<Comment> stored = new ArrayList<>();
		int i = 0;
		for (String payload : PAYLOADS) {
			String value = payload.length() > 150 ? payload.substring(0, 100) + "<fuzzel onfuzz=1>" : payload;
			String unique = Readers.unique(" fz");
			StaffUser author = readers.posts().author(value + unique);
			authors.add(author.slug());
			// Term names are at most 100 characters: the long payload keeps its marker within them.
			String term = payload.length() > 70 ? payload.substring(0, 50) + "<fuzzel onfuzz=1>" : payload;
			String category = term + unique + " c";
			String tag = term + unique + " t";
			String seriesName = term + unique + " s";
			Post post = readers.posts().draft(value + unique).excerpt(payload).body(payload + "\n\n" + payload)
				.category(category).tag(tag).series(seriesName, 1).by(author).publish();
			posts.add(post);
			categories.add(category);
			tags.add(tag);
			series.add(seriesName);
			Comment comment = comments.submit(post.getId(), null, value, "fuzz" + i + "@example.org",
					i % 3 == 0 ? "https://example.org/" + URLEncoder.encode(payload, StandardCharsets.UTF_8) : null,
					payload, false, "192.0.2.77").block();
			stored.add(comments.moderate(comment.id(), CommentStatus.APPROVED).block());
			storedPages.add(pages.save(null, value + unique, null, payload, PageStatus.PUBLISHED, value, null, null).block());
			i++;
		}
		String payload = PAYLOADS.get(1);
		siteEditing.save("Fuzz " + payload, payload, PAYLOADS.get(0) + PAYLOADS.get(9), "fuzz@example.org", PAYLOADS.get(5), 10,
				null).block();
		return new Fixtures(posts, storedPages, categories, tags, series, authors, stored);
	}

	/** One request as sent over the wire. */
	record Request(String method, String target, Map<String, String> headers, byte[] body, String what) {

		String head() {
			StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			// First, so that a header the fuzz breaks cannot keep the connection open.
			head.append("Connection: close\r\n");
			if (!headers.containsKey("Host")) {
				head.append("Host: localhost\r\n");
			}
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			if (body.length > 0 || method.equals("POST")) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			return head.toString();
		}

		String describe() {
			String target = this.target.length() > 160 ? this.target.substring(0, 160) + "…" : this.target;
			return method + " " + target + " [" + what + "]";
		}
	}

	List<Request> requests(Fixtures fixtures, Random random) {
		List<String> routes = routes(fixtures);
		List<String> all = new ArrayList<>(PAYLOADS);
		all.addAll(SENT_ONLY);
		List<Request> requests = new ArrayList<>();
		// Every route plain, then with payloads in a parameter and in the last path segment; every payload reaches
		// every kind of route (posts, terms, feeds ...), each route a share of them.
		for (int r = 0; r < routes.size(); r++) {
			String route = routes.get(r);
			requests.add(get(route, Map.of(), "plain"));
			for (int p = r % PAYLOADS_PER_ROUTE; p < all.size(); p += PAYLOADS_PER_ROUTE) {
				requests.add(get(withParameter(route, PARAMETERS.get(random.nextInt(PARAMETERS.size())), all.get(p)), Map.of(),
						"payload in a parameter"));
				requests.add(get(withParameter(route, PARAMETERS.get(random.nextInt(PARAMETERS.size())), all.get((p + 1) % all.size())),
						Map.of(), "payload in a parameter"));
			}
			requests.add(get(withSegment(route, all.get(random.nextInt(all.size())), random.nextBoolean()), Map.of(),
					"payload in the path"));
		}
		// Every header with every payload, on routes drawn at random.
		for (String header : HEADERS) {
			for (String payload : all) {
				String route = routes.get(random.nextInt(routes.size()));
				requests.add(get(route, Map.of(header, headerValue(payload, random)), "payload in " + header));
			}
		}
		// Then random mixes: several parameters, headers and a strange method at once.
		List<String> methods = List.of("GET", "GET", "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "POST");
		for (int i = 0; i < RANDOM_REQUESTS; i++) {
			String route = routes.get(random.nextInt(routes.size()));
			for (int p = random.nextInt(3); p > 0; p--) {
				route = withParameter(route, PARAMETERS.get(random.nextInt(PARAMETERS.size())), all.get(random.nextInt(all.size())));
			}
			if (random.nextInt(4) == 0) {
				route = withSegment(route, all.get(random.nextInt(all.size())), random.nextBoolean());
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (int h = random.nextInt(3); h > 0; h--) {
				headers.put(HEADERS.get(random.nextInt(HEADERS.size())), headerValue(all.get(random.nextInt(all.size())), random));
			}
			String method = methods.get(random.nextInt(methods.size()));
			requests.add(new Request(method, route, headers, new byte[0], "random mix"));
		}
		requests.addAll(posts(fixtures, all, random));
		return requests;
	}

	/** Every public POST: every payload in every field of its form, and every body it must refuse. */
	List<Request> posts(Fixtures fixtures, List<String> payloads, Random random) {
		Post post = fixtures.posts().get(0);
		List<String> fields = List.of("name", "email", "website", "body", "parent", "notify", "homepage", "token", "List-Unsubscribe");
		// Every POST the site maps (a new form is fuzzed without touching this test), and the token ones with a token.
		List<String> targets = new ArrayList<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			var methods = info.getMethodsCondition().getMethods();
			if (methods.isEmpty() || methods.stream().anyMatch(method -> method.asHttpMethod() == HttpMethod.POST)) {
				for (var pattern : info.getPatternsCondition().getPatterns()) {
					String path = pattern.getPatternString().replace("{slug}", post.getSlug());
					targets.add(path);
					targets.add(path + "?token=" + URLEncoder.encode(payloads.get(random.nextInt(payloads.size())), StandardCharsets.UTF_8));
				}
			}
		}
		targets.sort(null);
		assertThat(targets).as("the public POST mappings").contains("/posts/" + post.getSlug() + "/comments", "/subscribe",
				"/subscribe/confirm", "/unsubscribe", "/replies/stop");
		List<Request> requests = new ArrayList<>();
		String form = "application/x-www-form-urlencoded";
		for (String target : targets) {
			for (String payload : payloads) {
				StringBuilder body = new StringBuilder();
				for (String field : fields) {
					String value = field.equals("email") && random.nextBoolean() ? "fuzz" + random.nextInt(1_000_000) + "@example.org"
							: field.equals("homepage") ? "" : payload;
					body.append(body.isEmpty() ? "" : "&").append(field).append('=')
						.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				}
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("Content-Type", form);
				headers.put("Sec-Fetch-Site", "same-origin");
				requests.add(new Request("POST", target, headers, body.toString().getBytes(StandardCharsets.UTF_8),
						"payload in every field"));
			}
			for (String[] bad : badBodies()) {
				Map<String, String> headers = new LinkedHashMap<>();
				if (bad[1] != null) {
					headers.put("Content-Type", bad[1]);
				}
				requests.add(new Request("POST", target, headers, bad[2].getBytes(StandardCharsets.ISO_8859_1), bad[0]));
			}
		}
		return requests;
	}

	/** {name, content type, body as ISO-8859-1 bytes} of bodies every POST must refuse with a 4xx. */
	static List<String[]> badBodies() {
		String boundary = "----fuzz";
		return List.of(new String[] { "a 6 MB form", "application/x-www-form-urlencoded", "body=" + "x".repeat(6 * 1024 * 1024) },
				new String[] { "JSON", "application/json", "{\"body\":\"<fuzzel onfuzz=1>\"}" },
				new String[] { "plain text", "text/plain", "body=hello" },
				new String[] { "no type", null, "body=hello" },
				new String[] { "bytes", "application/octet-stream", "\u0000\u00ff\u00fe\u0001" },
				new String[] { "multipart cut off", "multipart/form-data; boundary=" + boundary,
						"--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\ncut" },
				new String[] { "bad escapes", "application/x-www-form-urlencoded", "body=%zz&name=%" },
				new String[] { "not UTF-8", "application/x-www-form-urlencoded", "body=%C0%AF%FF&name=\u00c3(" });
	}

	List<String> routes(Fixtures fixtures) {
		Post post = fixtures.posts().get(0);
		YearMonth now = YearMonth.now(ZoneId.of("Europe/London"));
		List<String> routes = new ArrayList<>(List.of("/", "/page/2", "/search", "/search?q=fuzz", "/subscribe",
				"/subscribe/confirm?token=" + "A".repeat(43), "/unsubscribe?token=" + "A".repeat(43), "/replies/stop?token=x",
				"/archive/" + now.getYear(), "/archive/" + now.getYear() + "/" + "%02d".formatted(now.getMonthValue()),
				"/archive/" + now.getYear() + "/page/2", "/feed", "/feed/atom", "/feed.json", "/comments/feed", "/sitemap.xml",
				"/sitemap-news.xml", "/sitemaps/pages.xml", "/sitemaps/posts-1.xml", "/sitemaps/archives.xml", "/robots.txt",
				"/media/none.png", "/media/../../etc/passwd", "/site.css", "/?p=" + post.getId(), "/?page_id=1", "/?cat=1",
				"/?feed=rss2", "/?s=fuzz", "/?m=" + now.getYear(), "/?author=1", "/?tag=x", "/blog/?p=1", "/wp-admin/",
				"/wp-login.php", "/xmlrpc.php", "/index.php?p=1", "/no/such/page"));
		for (int i = 0; i < fixtures.posts().size(); i += 4) {
			Post each = fixtures.posts().get(i);
			routes.add("/posts/" + each.getSlug());
			routes.add("/posts/" + each.getSlug() + "?comment=pending");
			routes.add("/posts/" + each.getSlug() + "/comments/feed");
			routes.add("/pages/" + fixtures.pages().get(i).slug());
			routes.add("/category/" + slug(fixtures.categories().get(i)));
			routes.add("/category/" + slug(fixtures.categories().get(i)) + "/feed");
			routes.add("/tag/" + slug(fixtures.tags().get(i)));
			routes.add("/tag/" + slug(fixtures.tags().get(i)) + "/feed");
			routes.add("/series/" + slug(fixtures.series().get(i)));
			routes.add("/series/" + slug(fixtures.series().get(i)) + "/feed");
			routes.add("/author/" + fixtures.authors().get(i));
			routes.add("/author/" + fixtures.authors().get(i) + "/feed");
			routes.add("/author/" + fixtures.authors().get(i) + "/page/2");
		}
		return routes;
	}

	/** The slug a term got, read back from the database (the fuzz must not guess the rules that make slugs). */
	String slug(String name) {
		for (String table : List.of("categories", "tags", "series")) {
			String found = database.sql("SELECT slug FROM " + table + " WHERE name = :name").bind("name", name)
				.map((row, meta) -> row.get("slug", String.class)).one().block();
			if (found != null) {
				return found;
			}
		}
		throw new IllegalStateException("No term named " + name);
	}

	static Request get(String target, Map<String, String> headers, String what) {
		return new Request("GET", target, headers, new byte[0], what);
	}

	static String withParameter(String route, String name, String value) {
		String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
		return route + (route.contains("?") ? "&" : "?") + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + encoded;
	}

	/** The route with its last segment replaced by (or, for a bare route, followed by) the value, escaped or as it is. */
	static String withSegment(String route, String value, boolean raw) {
		String path = route.contains("?") ? route.substring(0, route.indexOf('?')) : route;
		String query = route.contains("?") ? route.substring(route.indexOf('?')) : "";
		String segment = raw ? value.replaceAll("[\\s\\x00-\\x1f\\x7f]", "") : URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20");
		int last = path.lastIndexOf('/');
		String base = last <= 0 ? "" : path.substring(0, last);
		return base + "/" + segment + query;
	}

	/** A header value as an attacker sends it: UTF-8 bytes as they are, line breaks kept or not. */
	static String headerValue(String payload, Random random) {
		String value = random.nextBoolean() ? payload : payload.replace("\r", "").replace("\n", "");
		return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	/** What is wrong with an answer, or null. */
	String problem(Request request, Answer answer) {
		if (answer.status() == -2) {
			return "no answer and no close within 30 s";
		}
		if (answer.status() >= 500) {
			return "server error " + answer.body().substring(0, Math.min(300, answer.body().length()));
		}
		if (answer.status() == -1) {
			// Even a request the HTTP parser refuses gets its 400 before the close.
			return "closed without an answer";
		}
		if (answer.body().contains("Exception") && answer.body().contains("\tat ")) {
			return "a stack trace";
		}
		String head = answer.head().toLowerCase(Locale.ROOT);
		if (head.contains("\nset-cookie:") || head.contains("\nfuzz")) {
			return "a header the request put there";
		}
		String type = header(head, "content-type");
		if (request.method().equals("HEAD") || answer.body().isEmpty()) {
			return null;
		}
		if (type.startsWith("text/html")) {
			return markup(Jsoup.parse(answer.body()), "page");
		}
		if (type.contains("xml")) {
			return xml(answer.body());
		}
		if (type.contains("json")) {
			return jsonFeed(answer.body());
		}
		return null;
	}

	static String header(String head, String name) {
		for (String line : head.split("\r\n")) {
			if (line.startsWith(name + ":")) {
				return line.substring(name.length() + 1).strip();
			}
		}
		return "";
	}

	/** A payload that became markup: a marker element, an event attribute, a script that calls it, a javascript: link. */
	static String markup(Document document, String where) {
		if (!document.select("fuzzel").isEmpty()) {
			return "a <fuzzel> element in the " + where;
		}
		for (Element element : document.getAllElements()) {
			for (Attribute attribute : element.attributes()) {
				String key = attribute.getKey().toLowerCase(Locale.ROOT);
				if (key.startsWith("onfuzz")) {
					return "an onfuzz attribute on <" + element.tagName() + "> in the " + where;
				}
				String value = attribute.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
				if (value.startsWith("javascript:") && List.of("href", "src", "action", "formaction", "poster", "content")
					.contains(key)) {
					return "a javascript: address in " + key + " of <" + element.tagName() + "> in the " + where;
				}
			}
			if (element.tagName().equals("script") && element.data().contains("fuzz(")
					&& !element.attr("type").toLowerCase(Locale.ROOT).contains("json")) {
				return "a script calling fuzz( in the " + where;
			}
		}
		return null;
	}

	/** Feeds and sitemaps: well-formed XML, and no markup from a payload in what readers decode as HTML. */
	static String xml(String body) {
		org.w3c.dom.Document document;
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			return "not well-formed XML: " + ex.getMessage();
		}
		String root = document.getDocumentElement().getLocalName();
		if (root.equals("rss")) {
			// RSS readers decode titles and descriptions as HTML.
			for (String element : List.of("title", "description", "encoded")) {
				String found = htmlIn(document.getElementsByTagNameNS("*", element), "RSS " + element);
				if (found != null) {
					return found;
				}
			}
		}
		if (root.equals("feed")) {
			for (String element : List.of("title", "summary", "content")) {
				NodeList nodes = document.getElementsByTagNameNS("*", element);
				for (int i = 0; i < nodes.getLength(); i++) {
					org.w3c.dom.Element node = (org.w3c.dom.Element) nodes.item(i);
					if (node.getAttribute("type").equals("html")) {
						String found = markup(Jsoup.parseBodyFragment(node.getTextContent()), "Atom " + element);
						if (found != null) {
							return found;
						}
					}
				}
			}
		}
		return null;
	}

	static String htmlIn(NodeList nodes, String where) {
		for (int i = 0; i < nodes.getLength(); i++) {
			String found = markup(Jsoup.parseBodyFragment(nodes.item(i).getTextContent()), where);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	/** JSON Feed: well-formed, and its content_html without markup from a payload. */
	String jsonFeed(String body) {
		JsonNode feed;
		try {
			feed = json.readTree(body);
		}
		catch (RuntimeException ex) {
			return "not well-formed JSON: " + ex.getMessage();
		}
		for (JsonNode item : feed.path("items")) {
			String found = markup(Jsoup.parseBodyFragment(item.path("content_html").asString("")), "JSON Feed content_html");
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	/** Every table of the schema: its row count and a checksum of its rows. */
	Map<String, String> snapshot() {
		List<String> tables = database.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
			.map((row, meta) -> row.get("tablename", String.class)).all().collectList().block();
		Map<String, String> states = new TreeMap<>();
		for (String table : tables) {
			states.put(table, database.sql("SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '' ORDER BY t::text)), '-') "
					+ "AS state FROM \"" + table + "\" t").map((row, meta) -> row.get("state", String.class)).one().block());
		}
		return states;
	}

	long maxId(String table) {
		return database.sql("SELECT coalesce(max(id), 0) AS id FROM " + table).map((row, meta) -> row.get("id", Long.class))
			.one().block();
	}

	String checksum(String table, long upTo) {
		return database.sql("SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '' ORDER BY t::text)), '-') AS state "
				+ "FROM " + table + " t WHERE id <= :id").bind("id", upTo).map((row, meta) -> row.get("state", String.class)).one()
			.block();
	}

	/**
	 * The tables readers write: rows there before the fuzz are as they were, and the new ones are what a reader may
	 * cause: comments waiting for moderation and subscriptions waiting for confirmation (with their mail).
	 */
	void assertOnlyIntendedRows(SoftAssertions soft, Map<String, String> rowsBefore, Map<String, Long> lastIds) {
		lastIds.forEach((table, id) -> soft.assertThat(checksum(table, id)).as(table + " rows that were there before")
			.isEqualTo(rowsBefore.get(table)));
		List<String> newComments = database.sql("SELECT status FROM comments WHERE id > :id").bind("id", lastIds.get("comments"))
			.map((row, meta) -> row.get("status", String.class)).all().collectList().block();
		soft.assertThat(newComments).as("comments the fuzz left").allMatch("PENDING"::equals);
		List<String> newSubscribers = database.sql("SELECT status FROM subscribers WHERE id > :id")
			.bind("id", lastIds.get("subscribers")).map((row, meta) -> row.get("status", String.class)).all().collectList().block();
		soft.assertThat(newSubscribers).as("subscribers the fuzz left").allMatch("PENDING"::equals);
	}

}
