package org.drugsandcrime.blog.wordpress.wxr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WxrReaderTests {

	static final String SAMPLE = "/wordpress/sample-50.wxr";

	private static final String WP12 = "http://wordpress.org/export/1.2/";

	static byte[] sample() {
		try (InputStream in = WxrReaderTests.class.getResourceAsStream(SAMPLE)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<WxrEntry> readAll(byte[] file) {
		List<WxrEntry> entries = new ArrayList<>();
		try (WxrReader reader = WxrReader.open(new ByteArrayInputStream(file))) {
			for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
				entries.add(entry);
			}
		}
		return entries;
	}

	static List<WxrEntry> readAll(String file) {
		return readAll(file.getBytes(StandardCharsets.UTF_8));
	}

	static <T> List<T> only(List<WxrEntry> entries, Class<T> type) {
		return entries.stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Test
	void theSampleGivesItsSiteFirstThenAuthorsTermsAndItemsAsTheFileCountsThem() {
		List<WxrEntry> entries = readAll(sample());

		assertThat(entries.get(0)).isEqualTo(new WxrSite("On Probation", "http://127.0.0.1:8090",
				"Notes on probation, payment by results and the justice system", "en-US", "1.2",
				"http://127.0.0.1:8090", "http://127.0.0.1:8090"));
		assertThat(only(entries, WxrSite.class)).hasSize(1);
		assertThat(only(entries, WxrAuthor.class)).containsExactly(
				new WxrAuthor(2, "sclarke", "sclarke@example.org", "Sarah Clarke", "Sarah", "Clarke"),
				new WxrAuthor(3, "jbrown", "jbrown@example.org", "Jim Brown", "Jim", "Brown"));
		assertThat(only(entries, WxrCategory.class)).extracting(WxrCategory::nicename)
			.containsExactly("featured", "on-probation", "payment-by-results", "uncategorized");
		assertThat(only(entries, WxrCategory.class).get(0))
			.isEqualTo(new WxrCategory(4, "featured", "", "Featured", "Posts filed under Featured."));
		assertThat(only(entries, WxrTag.class)).hasSize(40)
			.contains(new WxrTag(28, "community-sentences", "community sentences", ""));
		// The sample writes every category and tag again as a wp:term; they are not handed out twice.
		assertThat(only(entries, WxrTerm.class)).isEmpty();

		List<WxrItem> items = only(entries, WxrItem.class);
		assertThat(items).hasSize(52);
		assertThat(items.stream().collect(Collectors.groupingBy(WxrItem::postType, Collectors.counting())))
			.isEqualTo(Map.of("post", 50L, "page", 2L));
		assertThat(items.stream().mapToInt(item -> item.comments().size()).sum()).isEqualTo(129);
	}

	@Test
	void anItemCarriesEveryFieldTheImportNeeds() {
		WxrItem post = only(readAll(sample()), WxrItem.class).stream()
			.filter(item -> item.postId() == 106)
			.findFirst()
			.orElseThrow();

		assertThat(post.title()).isEqualTo("Public thoughts on the probation service");
		assertThat(post.link()).isEqualTo("http://127.0.0.1:8090/2008/03/public-thoughts-on-the-probation-service/");
		assertThat(post.guid()).isEqualTo(post.link());
		assertThat(post.creator()).isEqualTo("jbrown");
		assertThat(post.postType()).isEqualTo("post");
		assertThat(post.status()).isEqualTo("publish");
		assertThat(post.postName()).isEqualTo("public-thoughts-on-the-probation-service");
		assertThat(post.postDate()).isEqualTo("2008-03-05 06:25:19");
		assertThat(post.postDateGmt()).isEqualTo("2008-03-05 06:25:19");
		assertThat(post.modifiedGmt()).isEqualTo("2008-03-05 06:25:19");
		assertThat(post.commentStatus()).isEqualTo("open");
		assertThat(post.sticky()).isFalse();
		assertThat(post.postParent()).isZero();
		assertThat(post.excerpt()).isEmpty();
		assertThat(post.content()).startsWith("When it comes to frequency of reoffending")
			.contains("[caption align=\"aligncenter\" width=\"1024\"]<img class=\"size-full\"")
			.endsWith("I would argue that every breach questions the model next April.");
		assertThat(post.terms()).containsExactly(new WxrItemTerm("post_tag", "commissioning", "commissioning"),
				new WxrItemTerm("post_tag", "contracts", "contracts"), new WxrItemTerm("post_tag", "courts", "courts"),
				new WxrItemTerm("post_tag", "crcs", "CRCs"),
				new WxrItemTerm("category", "on-probation", "On Probation"),
				new WxrItemTerm("category", "payment-by-results", "Payment by Results"));
		assertThat(post.comments()).isNotEmpty();
		WxrComment comment = post.comments().get(0);
		assertThat(comment.id()).isPositive();
		assertThat(comment.author()).isNotBlank();
		assertThat(comment.authorEmail()).contains("@");
		assertThat(comment.dateGmt()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
		assertThat(comment.approved()).isEqualTo("1");
		assertThat(comment.content()).isNotBlank();
	}

	@Test
	void everyTextIsReadAsAnIndependentDomParserReadsIt() throws Exception {
		DocumentBuilderFactory dom = DocumentBuilderFactory.newInstance();
		dom.setNamespaceAware(true);
		dom.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		NodeList domItems = dom.newDocumentBuilder()
			.parse(new ByteArrayInputStream(sample()))
			.getElementsByTagName("item");
		Map<Long, Element> byId = new HashMap<>();
		for (int i = 0; i < domItems.getLength(); i++) {
			Element item = (Element) domItems.item(i);
			byId.put(Long.parseLong(text(item, WP12, "post_id")), item);
		}

		List<WxrItem> items = only(readAll(sample()), WxrItem.class);

		assertThat(items).hasSize(byId.size());
		for (WxrItem item : items) {
			Element expected = byId.get(item.postId());
			assertThat(item.content()).isEqualTo(text(expected, "http://purl.org/rss/1.0/modules/content/", "encoded"));
			assertThat(item.title()).isEqualTo(text(expected, "", "title").strip());
			NodeList comments = expected.getElementsByTagNameNS(WP12, "comment");
			assertThat(item.comments()).hasSize(comments.getLength());
			for (int i = 0; i < comments.getLength(); i++) {
				Element comment = (Element) comments.item(i);
				WxrComment read = item.comments().get(i);
				assertThat(read.content()).isEqualTo(text(comment, WP12, "comment_content"));
				assertThat(read.parent()).isEqualTo(Long.parseLong(text(comment, WP12, "comment_parent")));
				assertThat(read.author()).isEqualTo(text(comment, WP12, "comment_author").strip());
			}
		}
	}

	@Test
	void aThreadedCommentNamesAParentOfTheSameItem() {
		List<WxrItem> items = only(readAll(sample()), WxrItem.class);

		long answers = 0;
		for (WxrItem item : items) {
			List<Long> ids = item.comments().stream().map(WxrComment::id).toList();
			for (WxrComment comment : item.comments()) {
				if (comment.parent() != 0) {
					answers++;
					assertThat(ids).contains(comment.parent());
				}
			}
		}
		assertThat(answers).isEqualTo(32);
	}

	@Test
	void cdataSplitAroundItsOwnEndAndEntitiesAreJoinedIntoOneText() {
		// WordPress writes "]]>" inside CDATA as "]]]]><![CDATA[>".
		String file = wxr("1.2", item("<content:encoded><![CDATA[a ]]]]><![CDATA[> b]]> &amp; c &lt;p&gt;<![CDATA[<em>d</em>]]></content:encoded>"));

		WxrItem item = only(readAll(file), WxrItem.class).get(0);

		assertThat(item.content()).isEqualTo("a ]]> b & c <p><em>d</em>");
	}

	@Test
	void everyWordPressNamespaceVersionIsRead() {
		for (String version : List.of("1.0", "1.1", "1.2")) {
			String file = wxr(version, "<wp:author><wp:author_login>ann</wp:author_login></wp:author>"
					+ item("<excerpt:encoded>Short</excerpt:encoded><wp:post_id>7</wp:post_id><wp:is_sticky>1</wp:is_sticky>"));

			List<WxrEntry> entries = readAll(file);

			assertThat(((WxrSite) entries.get(0)).wxrVersion()).isEqualTo(version);
			assertThat(only(entries, WxrAuthor.class)).extracting(WxrAuthor::login).containsExactly("ann");
			WxrItem item = only(entries, WxrItem.class).get(0);
			assertThat(item.postId()).isEqualTo(7);
			assertThat(item.excerpt()).isEqualTo("Short");
			assertThat(item.sticky()).isTrue();
		}
	}

	@Test
	void wxr10TagsAreReadAsPostTagsAndItsUnnamedCategoryCopiesAreLeftOut() {
		String file = wxr("1.0", item("""
				<category><![CDATA[News]]></category>
				<category domain="category" nicename="news"><![CDATA[News]]></category>
				<category domain="tag" nicename="courts"><![CDATA[courts]]></category>
				"""));

		WxrItem item = only(readAll(file), WxrItem.class).get(0);

		assertThat(item.terms()).containsExactly(new WxrItemTerm("category", "news", "News"),
				new WxrItemTerm("post_tag", "courts", "courts"));
	}

	@Test
	void aCategoryWrittenOnlyAsATermIsHandedOutAsACategoryAndOtherTaxonomiesAsTerms() {
		String file = wxr("1.2", """
				<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>category</wp:term_taxonomy><wp:term_slug>law</wp:term_slug><wp:term_parent>news</wp:term_parent><wp:term_name>Law</wp:term_name></wp:term>
				<wp:term><wp:term_id>10</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug>main</wp:term_slug><wp:term_name>Main</wp:term_name></wp:term>
				""");

		List<WxrEntry> entries = readAll(file);

		assertThat(only(entries, WxrCategory.class)).containsExactly(new WxrCategory(9, "law", "news", "Law", ""));
		assertThat(only(entries, WxrTerm.class)).containsExactly(new WxrTerm(10, "nav_menu", "main", "Main", "", ""));
	}

	@Test
	void postMetaAndCommentsWithTheirMetaAreRead() {
		String file = wxr("1.2", item("""
				<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[42]]></wp:meta_value></wp:postmeta>
				<wp:comment>
				  <wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Ann]]></wp:comment_author>
				  <wp:comment_author_email>ann@example.org</wp:comment_author_email>
				  <wp:comment_author_url>https://ann.example.org</wp:comment_author_url>
				  <wp:comment_author_IP>10.0.0.1</wp:comment_author_IP>
				  <wp:comment_date>2020-01-02 03:04:05</wp:comment_date><wp:comment_date_gmt>2020-01-02 02:04:05</wp:comment_date_gmt>
				  <wp:comment_content><![CDATA[Quite right.]]></wp:comment_content><wp:comment_approved>spam</wp:comment_approved>
				  <wp:comment_type>pingback</wp:comment_type><wp:comment_parent>4</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>
				  <wp:commentmeta><wp:meta_key>akismet_result</wp:meta_key><wp:meta_value>true</wp:meta_value></wp:commentmeta>
				</wp:comment>
				"""));

		WxrItem item = only(readAll(file), WxrItem.class).get(0);

		assertThat(item.meta("_thumbnail_id")).isEqualTo("42");
		assertThat(item.comments()).containsExactly(new WxrComment(5, "Ann", "ann@example.org", "https://ann.example.org",
				"10.0.0.1", "2020-01-02 03:04:05", "2020-01-02 02:04:05", "Quite right.", "spam", "pingback", 4, 0,
				List.of(new WxrMeta("akismet_result", "true"))));
	}

	@Test
	void anExportWithNothingInItGivesOnlyTheSite() {
		List<WxrEntry> entries = readAll(wxr("1.2", ""));

		assertThat(entries).singleElement().isInstanceOf(WxrSite.class);
	}

	@Test
	void anEmptyFileIsRefused() {
		assertThatThrownBy(() -> readAll(new byte[0])).isInstanceOf(WxrException.class)
			.hasMessage("This file is not a WordPress export: the file is empty.");
	}

	@Test
	void aFileWithNoElementIsRefusedAsEmpty() {
		for (String nothing : List.of("\n\n   \n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<!-- nothing -->")) {
			assertThatThrownBy(() -> readAll(nothing)).isInstanceOf(WxrException.class)
				.hasMessage("This file is not a WordPress export: it ends before any XML element begins. Is it empty?");
		}
	}

	@Test
	void aFileThatIsNotXmlIsRefused() {
		assertThatThrownBy(() -> readAll("Dear editor,\n\nplease find the posts attached.")).isInstanceOf(WxrException.class)
			.hasMessageStartingWith("This file is not a WordPress export: it is not XML");
		assertThatThrownBy(() -> readAll("{\"posts\": []}")).isInstanceOf(WxrException.class)
			.hasMessageStartingWith("This file is not a WordPress export: it is not XML");
	}

	@Test
	void anArchiveIsRefusedWithWhatToDoAboutIt() throws IOException {
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip)) {
			out.putNextEntry(new ZipEntry("export.xml"));
			out.write(sample());
		}
		ByteArrayOutputStream gzip = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
			out.write(sample());
		}

		assertThatThrownBy(() -> readAll(zip.toByteArray())).isInstanceOf(WxrException.class)
			.hasMessage("This file is not a WordPress export: it is a zip archive. Unpack it and import the .xml file inside.");
		assertThatThrownBy(() -> readAll(gzip.toByteArray())).isInstanceOf(WxrException.class)
			.hasMessage("This file is not a WordPress export: it is compressed with gzip. Unpack it and import the .xml file.");
	}

	@Test
	void aFileCutShortSaysTheLineItEndsAt() {
		String whole = new String(sample(), StandardCharsets.UTF_8);
		String half = whole.substring(0, whole.length() / 2);
		long lines = half.lines().count();

		assertThatThrownBy(() -> readAll(half)).isInstanceOf(WxrException.class)
			.hasMessageStartingWith("This WordPress export is cut short at line " + lines + ":");
	}

	@Test
	void aFileCutShortAfterItsLastItemIsRefusedToo() {
		String whole = new String(sample(), StandardCharsets.UTF_8);
		String cut = whole.substring(0, whole.indexOf("</channel>") + "</channel>".length());

		assertThatThrownBy(() -> readAll(cut)).isInstanceOf(WxrException.class)
			.hasMessageContaining("cut short at line");
	}

	@Test
	void anOrdinaryRssFeedIsRefusedBeforeItsItemsAreRead() {
		String feed = """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
				<channel><title>Some blog</title><link>https://example.org</link>
				<item><title>A post</title><content:encoded><![CDATA[<p>Hello</p>]]></content:encoded></item>
				</channel></rss>
				""";

		assertThatThrownBy(() -> readAll(feed)).isInstanceOf(WxrException.class)
			.hasMessageStartingWith("This file is not a WordPress export: it is an RSS feed without the <wp:wxr_version>");
	}

	@Test
	void xmlThatIsNotRssIsRefused() {
		String atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>";

		assertThatThrownBy(() -> readAll(atom)).isInstanceOf(WxrException.class)
			.hasMessage("This file is not a WordPress export: it is XML, but its root element is <feed>, "
					+ "not the <rss> a WordPress export starts with.");
	}

	@Test
	void xmlBrokenInTheMiddleSaysTheLine() {
		String file = wxr("1.2", item("<title>One</titel>"));
		long line = file.lines().takeWhile(l -> !l.contains("</titel>")).count() + 1;

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(WxrException.class)
			.hasMessageStartingWith("This WordPress export is not well-formed XML at line " + line + ":");
	}

	@Test
	void anIdThatIsNotANumberSaysWhichAndWhere() {
		String file = wxr("1.2", item("<wp:post_id>seven</wp:post_id>"));
		long line = file.lines().takeWhile(l -> !l.contains("seven")).count() + 1;

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(WxrException.class)
			.hasMessage("This WordPress export has a <wp:post_id> that is not a number at line " + line
					+ ": \"seven\".");
	}

	static String wxr(String version, String body) {
		return """
				<?xml version="1.0" encoding="UTF-8" ?>
				<rss version="2.0"
					xmlns:excerpt="http://wordpress.org/export/%1$s/excerpt/"
					xmlns:content="http://purl.org/rss/1.0/modules/content/"
					xmlns:wfw="http://wellformedweb.org/CommentAPI/"
					xmlns:dc="http://purl.org/dc/elements/1.1/"
					xmlns:wp="http://wordpress.org/export/%1$s/">
				<channel>
					<title>Test</title>
					<link>https://old.example.org</link>
					<wp:wxr_version>%1$s</wp:wxr_version>
					<wp:base_site_url>https://old.example.org</wp:base_site_url>
				%2$s
				</channel>
				</rss>
				""".formatted(version, body);
	}

	static String item(String fields) {
		return "<item><title>T</title>\n" + fields + "\n<wp:post_type>post</wp:post_type></item>";
	}

	private static String text(Element parent, String namespace, String name) {
		NodeList found = namespace.isEmpty() ? parent.getElementsByTagName(name)
				: parent.getElementsByTagNameNS(namespace, name);
		return found.item(0).getTextContent();
	}
}
