package org.drugsandcrime.blog.wordpress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator's file is a WordPress export of the sample's shape, with every copy told apart. */
class GeneratedExportTest {

	private static final String WP = "http://wordpress.org/export/1.2/";

	private static GeneratedExport.Counts counts;
	private static byte[] file;
	private static List<Map<String, String>> items;
	private static List<Map<String, String>> comments;
	private static List<Map<String, String>> categories;
	private static int tags;
	private static int authors;

	@BeforeAll
	static void generate() throws Exception {
		var out = new ByteArrayOutputStream();
		counts = GeneratedExport.posts(250).comments(800).writeTo(out);
		file = out.toByteArray();
		read();
	}

	@Test
	void holdsAsManyPostsPagesAndCommentsAsAskedAndCounted() {
		assertThat(items.stream().filter(i -> i.get("post_type").equals("post"))).hasSize(250);
		assertThat(counts.posts()).isEqualTo(250);
		assertThat(items.stream().filter(i -> i.get("post_type").equals("page"))).hasSize(counts.pages()).hasSize(2);
		assertThat(comments).hasSize(800);
		assertThat(counts.comments()).isEqualTo(800);
		assertThat(counts.publishedPosts() + counts.draftPosts()).isEqualTo(250);
		assertThat(items.stream().filter(i -> i.get("status").equals("draft"))).hasSize(counts.draftPosts()).isNotEmpty();
		assertThat(items.stream().filter(i -> i.get("is_sticky").equals("1"))).hasSize(counts.stickyPosts());
		assertThat(categories).hasSize(counts.categories());
		assertThat(tags).isEqualTo(counts.tags()).isPositive();
		assertThat(authors).isEqualTo(counts.authors()).isEqualTo(2);
	}

	@Test
	void everyCopyHasItsOwnIdGuidAndSlug() {
		assertThat(distinct(items, "post_id")).hasSize(items.size());
		assertThat(distinct(items, "guid")).hasSize(items.size());
		var published = items.stream().filter(i -> !i.get("status").equals("draft")).toList();
		assertThat(distinct(published, "post_name")).hasSize(published.size());
		assertThat(distinct(published, "link")).hasSize(published.size());
		assertThat(distinct(comments, "comment_id")).hasSize(comments.size());
	}

	@Test
	void repliesAnswerAnEarlierCommentOfTheSamePost() {
		var postOfComment = new HashMap<String, String>();
		var seen = new HashSet<String>();
		int replies = 0;
		for (var comment : comments) {
			String parent = comment.get("comment_parent");
			if (!parent.equals("0")) {
				replies++;
				assertThat(seen).as("parent of comment %s", comment.get("comment_id")).contains(parent);
				assertThat(postOfComment.get(parent)).isEqualTo(comment.get("item"));
			}
			seen.add(comment.get("comment_id"));
			postOfComment.put(comment.get("comment_id"), comment.get("item"));
		}
		assertThat(replies).isEqualTo(counts.replies()).isPositive();
	}

	@Test
	void commentsAreApprovedPendingOrTrashedAsCounted() {
		assertThat(comments.stream().filter(c -> c.get("comment_approved").equals("1"))).hasSize(counts.approvedComments());
		assertThat(comments.stream().filter(c -> c.get("comment_approved").equals("0"))).hasSize(counts.pendingComments())
				.isNotEmpty();
		assertThat(comments.stream().filter(c -> c.get("comment_approved").equals("trash"))).hasSize(counts.trashComments())
				.isNotEmpty();
	}

	@Test
	void datesSpreadOverTenYearsInGmtAndLocalTime() {
		var years = items.stream().filter(i -> i.get("post_type").equals("post") && i.get("status").equals("publish"))
				.map(i -> i.get("post_date_gmt").substring(0, 4)).distinct().sorted().toList();
		assertThat(years).containsExactly("2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025");
		assertThat(items).anySatisfy(i -> assertThat(i.get("post_date")).isNotEqualTo(i.get("post_date_gmt")));
		assertThat(items.stream().filter(i -> i.get("status").equals("draft")))
				.allSatisfy(i -> assertThat(i.get("post_date_gmt")).isEqualTo("0000-00-00 00:00:00"));
	}

	@Test
	void aChildCategoryNamesAParentThatComesBeforeIt() {
		var slugs = new ArrayList<String>();
		for (var category : categories) {
			String parent = category.get("category_parent");
			if (!parent.isEmpty()) {
				assertThat(slugs).contains(parent);
			}
			slugs.add(category.get("category_nicename"));
		}
		assertThat(categories).filteredOn(c -> !c.get("category_parent").isEmpty()).hasSize(counts.childCategories())
				.isNotEmpty();
	}

	@Test
	void bodiesKeepTheSamplesBlockCommentsAndCaptions() {
		String text = new String(file, StandardCharsets.UTF_8);
		assertThat(text).contains("<!-- wp:paragraph -->").contains("[caption ")
				.contains("<wp:wxr_version>1.2</wp:wxr_version>").contains("<pubDate>Fri, 01 Jan 2016 ");
	}

	@Test
	void theReaderTakesItForAWordPressExport() {
		int posts = 0;
		int read = 0;
		var childCategories = new ArrayList<WxrCategory>();
		try (var reader = WxrReader.open(new ByteArrayInputStream(file))) {
			for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
				if (entry instanceof WxrItem item && item.postType().equals("post")) {
					posts++;
					read += item.comments().size();
				}
				else if (entry instanceof WxrCategory category && !category.parentNicename().isBlank()) {
					childCategories.add(category);
				}
			}
		}
		assertThat(posts).isEqualTo(counts.posts());
		assertThat(read).isEqualTo(counts.comments());
		assertThat(childCategories).extracting(WxrCategory::nicename).containsExactly(GeneratedExport.CHILD_CATEGORY);
	}

	@Test
	void theSameArgumentsWriteTheSameFile() {
		var again = new ByteArrayOutputStream();
		GeneratedExport.posts(250).comments(800).writeTo(again);
		assertThat(again.toByteArray()).isEqualTo(file);
	}

	private static Set<String> distinct(List<Map<String, String>> rows, String field) {
		var values = new HashSet<String>();
		rows.forEach(r -> values.add(r.get(field)));
		return values;
	}

	/** Reads the generated file with plain StAX, flattening each item, comment and category into its fields. */
	private static void read() throws Exception {
		items = new ArrayList<>();
		comments = new ArrayList<>();
		categories = new ArrayList<>();
		tags = 0;
		authors = 0;
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(file));
		Map<String, String> item = null;
		Map<String, String> comment = null;
		Map<String, String> category = null;
		var text = new StringBuilder();
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				text.setLength(0);
				String name = xml.getLocalName();
				boolean wp = WP.equals(xml.getNamespaceURI());
				if (name.equals("item")) {
					item = new HashMap<>();
				}
				else if (wp && name.equals("comment")) {
					comment = new HashMap<>();
					comment.put("item", item.get("post_id"));
				}
				else if (wp && name.equals("category")) {
					category = new HashMap<>();
				}
				else if (wp && name.equals("tag")) {
					tags++;
				}
				else if (wp && name.equals("author")) {
					authors++;
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				text.append(xml.getText());
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				String name = xml.getLocalName();
				boolean wp = WP.equals(xml.getNamespaceURI());
				if (name.equals("item")) {
					items.add(item);
					item = null;
				}
				else if (wp && name.equals("comment")) {
					comments.add(comment);
					comment = null;
				}
				else if (wp && name.equals("category")) {
					categories.add(category);
					category = null;
				}
				else if (comment != null) {
					comment.put(name, text.toString().strip());
				}
				else if (category != null) {
					category.put(name, text.toString().strip());
				}
				else if (item != null) {
					item.putIfAbsent(name, text.toString().strip());
				}
				text.setLength(0);
			}
		}
	}
}
