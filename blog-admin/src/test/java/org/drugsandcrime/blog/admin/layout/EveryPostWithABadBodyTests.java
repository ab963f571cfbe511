package org.drugsandcrime.blog.admin.layout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.media.MediaLibrary;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRevisions;
import org.drugsandcrime.blog.core.settings.SiteEditing;
import org.drugsandcrime.blog.core.subscription.Subscriber;
import org.drugsandcrime.blog.core.subscription.SubscriberRepository;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing.Kind;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every POST the portal maps, found in the handler mapping (so a new one is covered without touching this test),
 * sent bodies that cannot be read, by a signed-in admin with a valid CSRF token: the answer is a 400 or 413 error
 * page of the portal, never a 500 or a stack trace, whether the token travels in the body (read by the CSRF check
 * before any controller) or in the header (read by the controller).
 */
@PortalTest
class EveryPostWithABadBodyTests {

	static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

	static final int FIVE_MEGABYTES = 5 * 1024 * 1024;

	@Autowired
	WebTestClient web;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostRevisions revisions;

	@Autowired
	PageEditing pages;

	@Autowired
	PostComments comments;

	@Autowired
	TaxonomyEditing taxonomy;

	@Autowired
	SiteEditing site;

	@Autowired
	SubscriberRepository subscribers;

	@Autowired
	MediaLibrary media;

	@Value("${local.server.port}")
	int port;

	/** A body as sent: its Content-Type, its bytes, and the statuses that are right for it. */
	record BadBody(String name, String contentType, byte[] bytes, int status) {
	}

	@Test
	void everyPortalPostAnswersAnUnreadableBodyWithAnErrorPageNeverA500() {
		StaffUser admin = staff.create(Role.ADMIN);
		Portal portal = Portal.signIn(web, admin);
		Map<String, String> ids = fixtures(admin);
		// Signing out last: a request that got through to it would end the session the others need.
		List<String> paths = postPaths().stream().map(pattern -> filled(pattern, ids))
			.sorted(java.util.Comparator.comparing((String path) -> path.equals("/logout")).thenComparing(path -> path))
			.toList();
		assertThat(paths).as("the portal's POST mappings").contains("/posts", "/media", "/wordpress/imports", "/login", "/logout")
			.hasSizeGreaterThan(40);

		List<String> wrong = new ArrayList<>();
		for (String path : paths) {
			for (BadBody body : bodies(portal.csrfToken())) {
				for (boolean tokenInHeader : new boolean[] { false, true }) {
					RawAnswer answer = send(path, body, portal.session(), tokenInHeader ? portal.csrfToken() : null);
					boolean page = answer.body().contains("<main id=\"main\"") && !answer.body().contains("Exception")
							&& !answer.body().contains("\tat ");
					if (answer.status() != body.status() || !page) {
						wrong.add(path + " " + body.name() + (tokenInHeader ? " (token in header)" : "") + ": " + answer.status()
								+ " " + answer.body().substring(0, Math.min(300, answer.body().length())).replace('\n', ' '));
					}
				}
			}
		}
		assertThat(wrong).as("answers that are not the expected error page").isEmpty();
	}

	static List<BadBody> bodies(String token) {
		String boundary = "----portal" + System.nanoTime();
		byte[] truncated = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\nnot all of it").getBytes(StandardCharsets.UTF_8);
		byte[] oversized = new byte[FIVE_MEGABYTES + 1024];
		java.util.Arrays.fill(oversized, (byte) 'x');
		byte[] head = "body=".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(head, 0, oversized, 0, head.length);
		byte[] tail = ("&_csrf=" + token).getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(tail, 0, oversized, oversized.length - tail.length, tail.length);
		return List.of(
				new BadBody("with broken percent-encoding", "application/x-www-form-urlencoded",
						("a=%zz&_csrf=" + token).getBytes(StandardCharsets.US_ASCII), 400),
				new BadBody("as text/plain", "text/plain", ("title=A&_csrf=" + token).getBytes(StandardCharsets.US_ASCII), 400),
				new BadBody("as multipart cut off before its closing boundary", "multipart/form-data; boundary=" + boundary,
						truncated, 400),
				new BadBody("as multipart without a boundary", "multipart/form-data", truncated, 400),
				new BadBody("as a form over 5 MB", "application/x-www-form-urlencoded", oversized, 413));
	}

	record RawAnswer(int status, String body) {
	}

	/**
	 * Sends the request over a socket of its own, the body from another thread while the answer is read: the server
	 * may answer, and close, before it has read a body it refuses, which an HTTP client reports as a failure.
	 */
	RawAnswer send(String path, BadBody body, String session, String tokenHeader) {
		String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\nConnection: close\r\n"
				+ "Cookie: " + Portal.SESSION_COOKIE + "=" + session + "\r\n"
				+ (tokenHeader == null ? "" : "X-CSRF-TOKEN: " + tokenHeader + "\r\n")
				+ "Content-Type: " + body.contentType() + "\r\nContent-Length: " + body.bytes().length + "\r\n\r\n";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			Thread sender = new Thread(() -> {
				try {
					out.write(head.getBytes(StandardCharsets.US_ASCII));
					out.write(body.bytes());
					out.flush();
				}
				catch (IOException stopped) {
					// The server answered and closed the connection on the rest of the body.
				}
			});
			sender.start();
			byte[] answer = readUntilClosed(socket);
			sender.join(30_000);
			String text = new String(answer, StandardCharsets.ISO_8859_1);
			int blank = text.indexOf("\r\n\r\n");
			if (!text.startsWith("HTTP/1.1 ") || blank < 0) {
				return new RawAnswer(-1, text);
			}
			boolean chunked = text.substring(0, blank).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
			String content = chunked ? dechunked(text.substring(blank + 4)) : text.substring(blank + 4);
			return new RawAnswer(Integer.parseInt(text.substring(9, 12)),
					new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new RawAnswer(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Everything the server sent before it closed the connection. Closing on a body it did not read, it may reset the
	 * connection; what arrived before the reset is the answer.
	 */
	static byte[] readUntilClosed(Socket socket) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = socket.getInputStream().read(buffer); read >= 0; read = socket.getInputStream().read(buffer)) {
				received.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException reset) {
			if (received.size() == 0) {
				throw reset;
			}
		}
		return received.toByteArray();
	}

	/** A chunked body read as ISO-8859-1, one character a byte, so chunk sizes count characters. */
	static String dechunked(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int end = chunked.indexOf("\r\n", at);
			if (end < 0) {
				return body.toString();
			}
			int size = Integer.parseInt(chunked.substring(at, end).split(";")[0].strip(), 16);
			if (size == 0 || end + 2 + size > chunked.length()) {
				return body.toString();
			}
			body.append(chunked, end + 2, end + 2 + size);
			at = end + 2 + size + 2;
		}
	}

	/** Every path pattern a POST reaches, with Spring Security's own two. */
	TreeSet<String> postPaths() {
		TreeSet<String> paths = new TreeSet<>(List.of("/login", "/logout"));
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			var methods = info.getMethodsCondition().getMethods();
			if (methods.isEmpty() || methods.stream().anyMatch(method -> method.asHttpMethod() == HttpMethod.POST)) {
				info.getPatternsCondition().getPatterns().forEach(pattern -> paths.add(pattern.getPatternString()));
			}
		}
		return paths;
	}

	/** Real ids for the variables in a pattern, chosen by the path they appear in; anything else gets 1. */
	static String filled(String pattern, Map<String, String> ids) {
		Matcher variable = VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (variable.find()) {
			String name = variable.group(1);
			String section = pattern.substring(1, pattern.indexOf('/', 1) < 0 ? pattern.length() : pattern.indexOf('/', 1));
			String value = ids.getOrDefault(section + "." + name, ids.getOrDefault(name, "1"));
			variable.appendReplacement(path, value);
		}
		variable.appendTail(path);
		return path.toString();
	}

	Map<String, String> fixtures(StaffUser admin) {
		Post post = posts.draft("Bad bodies " + System.nanoTime()).save();
		posts.draft("Bad bodies revised " + System.nanoTime()).save();
		String revision = revisions.of(post.getId()).map(found -> Long.toString(found.id())).blockFirst();
		long page = pages.save(null, "Bad bodies " + System.nanoTime(), null, "Text.", PageStatus.DRAFT, null, null, null).block().id();
		Post discussed = posts.draft("Discussed " + System.nanoTime()).publish();
		long comment = comments.submit(discussed.getId(), null, "A reader", "reader@example.org", null, "A thought.", false,
				"203.0.113.9").block().id();
		long category = taxonomy.create(Kind.CATEGORY, "Category " + System.nanoTime()).block().id();
		long item = site.addItem("Item " + System.nanoTime(), "/pages/item").block().id();
		long subscriber = subscribers.save(new Subscriber(null, "reader" + System.nanoTime() + "@example.org",
				SubscriberStatus.PENDING, Instant.now(), null, null)).block().id();
		long image = media.store("bad-bodies.png", Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(png())), admin.id(),
				"A square").block().id();
		return Map.ofEntries(Map.entry("posts.id", Long.toString(post.getId())),
				Map.entry("posts.revisionId", revision == null ? "1" : revision), Map.entry("pages.id", Long.toString(page)),
				Map.entry("comments.id", Long.toString(comment)), Map.entry("taxonomy.kind", "category"),
				Map.entry("taxonomy.id", Long.toString(category)), Map.entry("navigation.id", Long.toString(item)),
				Map.entry("subscribers.id", Long.toString(subscriber)), Map.entry("media.id", Long.toString(image)),
				Map.entry("users.id", Long.toString(admin.id())));
	}

	static byte[] png() {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
