package org.drugsandcrime.blog.feed.syndication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import org.drugsandcrime.blog.core.feed.CommentedPost;
import org.drugsandcrime.blog.core.feed.FeedComment;
import org.drugsandcrime.blog.core.feed.FeedEntry;
import org.drugsandcrime.blog.core.post.Label;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedResponses;
import org.drugsandcrime.blog.feed.PublicAddress;
import org.drugsandcrime.blog.feed.XmlWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database cannot hold (U+0000) or holds only as '?' (lone surrogates) could still reach the writer from
 * elsewhere: written straight into every RSS field, it leaves a well-formed document and the rest of the text.
 */
class RssDocumentTests {

	/** Dropped characters, some hiding a tag from a rule that looks at the character after a '<'. */
	static final String BROKEN = "a\u0000b\u0008c\uFFFEd\uD800e\uDC00f <img src=x onerror=alert(1)> "
			+ "<\u0000img src=x onerror=alert(2)> <\uD800script>alert(3)</script> &\u0008lt;";

	static final String KEPT = "abcdef <img src=x onerror=alert(1)> <img src=x onerror=alert(2)> <script>alert(3)</script> &lt;";

	@Test
	void charactersXmlCannotCarryAreDroppedFromEveryFieldAndTheRestReadsAsText() throws Exception {
		FeedLinks links = new FeedLinks(new PublicAddress(URI.create("https://feeds.example.org")));
		FeedEntry entry = new FeedEntry(1, "urn:uuid:1", "a-post", BROKEN, BROKEN, "<p>" + BROKEN.replace("<", "&lt;") + "</p>",
				Instant.EPOCH, Instant.EPOCH, null, "an-author", BROKEN, List.of(new Label("a-category", BROKEN)),
				List.of(new Label("a-tag", BROKEN)));
		CommentedPost post = new CommentedPost(1, "urn:uuid:1", "a-post", BROKEN, Instant.EPOCH);
		FeedComment comment = new FeedComment(2, BROKEN, null, BROKEN, Instant.EPOCH);
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		XmlWriter xml = XmlWriter.open(output);
		RssDocument.head(xml, new RssDocument.Channel(BROKEN, links.home(), RssText.html(BROKEN)),
				new FeedResponses.Document(null, Instant.EPOCH, null, "https://feeds.example.org/feed"));
		RssDocument.item(xml, entry, links);
		RssDocument.comment(xml, post, comment, links);
		RssDocument.tail(xml);

		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(output.toByteArray()));
		for (String element : List.of("title", "description", "category")) {
			NodeList nodes = document.getElementsByTagNameNS("", element);
			assertThat(nodes.getLength()).as(element).isPositive();
			for (int i = 0; i < nodes.getLength(); i++) {
				org.jsoup.nodes.Element body = Jsoup.parseBodyFragment(nodes.item(i).getTextContent()).body();
				assertThat(body.children()).as(element + " read as HTML").allMatch(child -> child.tagName().equals("p"));
				assertThat(body.text()).as(element).endsWith(KEPT);
			}
		}
		NodeList creators = document.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "creator");
		assertThat(creators.getLength()).isEqualTo(2);
		assertThat(Jsoup.parseBodyFragment(creators.item(0).getTextContent()).body().text()).isEqualTo(KEPT);
	}
}
