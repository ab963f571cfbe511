package org.drugsandcrime.blog.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.UnknownFormatException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What the feed tests share: fetching documents, and the independent parsers and schemas that judge them. */
public final class FeedFixtures {

	private static final Schema SITEMAP = schema("sitemap.xsd", "sitemap-image.xsd", "sitemap-news.xsd");

	private static final Schema SITEMAP_INDEX = schema("siteindex.xsd");

	private FeedFixtures() {
	}

	public static Posts posts(PostEditing editing, PostPublishing publishing, StaffUserRepository users) {
		return new Posts(editing, publishing, users);
	}

	/** GET a document: 200, and its bytes exactly as sent. */
	public static EntityExchangeResult<byte[]> fetch(WebTestClient web, String path) {
		return web.get().uri(path).exchange().expectStatus().isOk().expectBody(byte[].class).returnResult();
	}

	public static String text(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		assertThat(body).isNotEmpty();
		assertThat(body[0]).as("first byte").isIn((byte) '<', (byte) '{', (byte) 'U');
		return new String(body, StandardCharsets.UTF_8);
	}

	/** ROME's reading of an RSS or Atom document, format by format. */
	public static WireFeed wire(String xml) {
		try {
			WireFeedInput input = new WireFeedInput();
			return input.build(new InputSource(new StringReader(xml)));
		}
		catch (FeedException | IllegalArgumentException ex) {
			throw new AssertionError("ROME could not read the feed: " + ex.getMessage() + "\n" + xml, ex);
		}
	}

	/** ROME's format-independent reading. */
	public static SyndFeed synd(String xml) {
		try {
			return new SyndFeedInput().build(new InputSource(new StringReader(xml)));
		}
		catch (FeedException | IllegalArgumentException ex) {
			throw new AssertionError("ROME could not read the feed: " + ex.getMessage() + "\n" + xml, ex);
		}
	}

	/** Validates a sitemap (with its image and news extensions) against the sitemaps.org and Google schemas. */
	public static void assertValidSitemap(byte[] xml) {
		validate(SITEMAP, xml);
	}

	public static void assertValidSitemapIndex(byte[] xml) {
		validate(SITEMAP_INDEX, xml);
	}

	/**
	 * crawler-commons' reading of a sitemap or index, as a crawler would fetch it from {@code url}. Not in its
	 * strict mode: that applies sitemaps.org's location rule (a sitemap lists only URLs below its own folder),
	 * which SPEC's {@code /sitemaps/posts-{n}.xml} paths cannot meet; they reach crawlers through the index that
	 * robots.txt names instead.
	 */
	public static AbstractSiteMap crawl(byte[] xml, String url) {
		try {
			SiteMapParser parser = new SiteMapParser(false);
			parser.enableExtensions();
			return parser.parseSiteMap("application/xml", xml, new URL(url));
		}
		catch (IOException | UnknownFormatException ex) {
			throw new AssertionError("crawler-commons could not read " + url + ": " + ex.getMessage(), ex);
		}
	}

	private static void validate(Schema schema, byte[] xml) {
		try {
			schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
		}
		catch (SAXException | IOException ex) {
			String text = new String(xml, StandardCharsets.UTF_8);
			throw new AssertionError("Not valid against the schema: " + ex.getMessage() + "\n"
					+ text.substring(0, Math.min(text.length(), 3000)), ex);
		}
	}

	private static Schema schema(String... names) {
		try {
			SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
			List<Source> sources = java.util.Arrays.stream(names)
				.map(name -> (Source) new StreamSource(FeedFixtures.class.getResource("/sitemaps/" + name).toString()))
				.toList();
			return factory.newSchema(sources.toArray(Source[]::new));
		}
		catch (SAXException ex) {
			throw new IllegalStateException("The sitemap schemas in test resources do not compile", ex);
		}
	}
}
