package org.drugsandcrime.blog.wordpress;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import org.drugsandcrime.blog.test.WordPressSample;

/**
 * A WordPress export of any size, of the same shape as the real sample ({@link WordPressSample}, a copy of
 * {@code ../shared/wordpress/sample-50.wxr}): its items are repeated and renumbered, so bodies,
 * Gutenberg block comments, {@code [caption]} shortcodes, terms and comment texts are WordPress's own.
 * <p>
 * Per copy: a new post id, slug ({@code -2}, {@code -3} ... as WordPress renames), link and guid; post dates spread
 * evenly over the ten years 2016–2025 with the local time of the site (Europe/London) beside the GMT one; comments
 * renumbered with their replies pointing at earlier comments of the same post. The sample has neither pending
 * comments nor a child category although its README promises both, so some are added: one comment in twenty is
 * pending and one in 250 in the trash (WordPress never exports spam), one post in a hundred is a draft without a
 * date (as WordPress writes one), one in a thousand is sticky, and a category {@code peterborough-pilot} under
 * {@code payment-by-results} is given to one post in seven.
 * <p>
 * The file is written with an {@link XMLStreamWriter} as it is generated: memory does not grow with its size (10,000
 * posts make about 110 MB). Output is the same for the same arguments, so a failure can be reproduced.
 * <p>
 * From a test: {@code GeneratedExport.posts(500).comments(1500).writeTo(file)}. From a shell (bench/import.sh):
 * {@code java -cp blog-wordpress/target/test-classes:blog-test-support/target/classes
 * org.drugsandcrime.blog.wordpress.GeneratedExport --posts 10000
 * --comments 30000 --out export.wxr}, which prints the counts as {@code name=value} lines.
 */
public final class GeneratedExport {

	/** Where the sample lives on the test class path. */
	public static final String SAMPLE = WordPressSample.RESOURCE;

	static final String CHILD_CATEGORY = "peterborough-pilot";
	static final String CHILD_CATEGORY_PARENT = "payment-by-results";

	private static final String WP = "http://wordpress.org/export/1.2/";
	private static final ZoneId SITE_ZONE = ZoneId.of("Europe/London");
	private static final Instant FIRST = Instant.parse("2016-01-01T00:00:00Z");
	private static final Duration SPAN = Duration.between(FIRST, Instant.parse("2026-01-01T00:00:00Z"));
	private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
	private static final DateTimeFormatter RSS_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '+0000'",
			Locale.ENGLISH);
	private static final String NEVER = "0000-00-00 00:00:00";

	private final int posts;
	private final int comments;
	private final Path template;

	private GeneratedExport(int posts, int comments, Path template) {
		if (posts < 1 || comments < 0) {
			throw new IllegalArgumentException("posts must be at least 1 and comments at least 0");
		}
		this.posts = posts;
		this.comments = comments;
		this.template = template;
	}

	/** An export of this many posts, about three comments each (the real site's ratio) until told otherwise. */
	public static GeneratedExport posts(int posts) {
		return new GeneratedExport(posts, posts * 3, null);
	}

	public GeneratedExport comments(int comments) {
		return new GeneratedExport(posts, comments, template);
	}

	/** Another export of WordPress's to repeat instead of the sample. */
	public GeneratedExport template(Path wxr) {
		return new GeneratedExport(posts, comments, wxr);
	}

	/**
	 * What a generated file holds, to compare an import with.
	 *
	 * @param posts items of type post, drafts included
	 * @param comments all comments, pending and trashed included
	 * @param replies comments with a parent
	 */
	public record Counts(int posts, int publishedPosts, int draftPosts, int stickyPosts, int pages, int comments,
			int approvedComments, int pendingComments, int trashComments, int replies, int categories,
			int childCategories, int tags, int authors) {

		/** One {@code name=value} a line, for shell scripts. */
		public String asProperties() {
			var lines = new StringBuilder();
			var components = Counts.class.getRecordComponents();
			for (var component : components) {
				try {
					lines.append(component.getName()).append('=').append(component.getAccessor().invoke(this)).append('\n');
				}
				catch (ReflectiveOperationException e) {
					throw new IllegalStateException(e);
				}
			}
			return lines.toString();
		}
	}

	public Counts writeTo(Path file) {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			return writeTo(out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Writes the export onto {@code out}, which stays open. */
	public Counts writeTo(OutputStream out) {
		Node rss = readTemplate();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
			Counts counts = new Writer(rss, xml).write();
			xml.close();
			out.flush();
			return counts;
		}
		catch (XMLStreamException e) {
			throw new IllegalStateException("could not write the generated export", e);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** {@code --posts N --comments M --out FILE [--template WXR]}; prints the counts. */
	public static void main(String[] args) {
		int posts = 10_000;
		Integer comments = null;
		Path out = null;
		Path template = null;
		for (int i = 0; i < args.length; i++) {
			String value = i + 1 < args.length ? args[i + 1] : null;
			switch (args[i]) {
				case "--posts" -> posts = Integer.parseInt(Objects.requireNonNull(value, "--posts N"));
				case "--comments" -> comments = Integer.parseInt(Objects.requireNonNull(value, "--comments M"));
				case "--out" -> out = Path.of(Objects.requireNonNull(value, "--out FILE"));
				case "--template" -> template = Path.of(Objects.requireNonNull(value, "--template WXR"));
				default -> {
					System.err.println("usage: GeneratedExport --posts N --comments M --out FILE [--template WXR]");
					System.exit(2);
				}
			}
			i++;
		}
		if (out == null) {
			System.err.println("--out FILE is required");
			System.exit(2);
		}
		var export = posts(posts).template(template);
		if (comments != null) {
			export = export.comments(comments);
		}
		System.out.print(export.writeTo(out).asProperties());
	}

	// --- the template, read once into memory (it is small; the output is what grows) ---

	/** An element of the template, or (name null) a run of text. */
	private static final class Node {
		final String prefix;
		final String namespace;
		final String name;
		final Map<String, String> attributes = new LinkedHashMap<>();
		final Map<String, String> namespaces = new LinkedHashMap<>();
		final List<Node> children = new ArrayList<>();
		final StringBuilder text = new StringBuilder();
		boolean cdata;

		Node(String prefix, String namespace, String name) {
			this.prefix = prefix;
			this.namespace = namespace;
			this.name = name;
		}

		boolean is(String namespace, String name) {
			return name.equals(this.name) && Objects.equals(namespace == null ? "" : namespace,
					this.namespace == null ? "" : this.namespace);
		}

		Node child(String namespace, String name) {
			return children.stream().filter(c -> c.is(namespace, name)).findFirst()
					.orElseThrow(() -> new IllegalStateException("the template has no " + name));
		}

		String text(String namespace, String name) {
			return child(namespace, name).textContent();
		}

		String textContent() {
			var all = new StringBuilder();
			for (Node child : children) {
				if (child.name == null) {
					all.append(child.text);
				}
			}
			return all.toString().strip();
		}

		boolean hasCdata() {
			return children.stream().anyMatch(c -> c.name == null && c.cdata);
		}
	}

	private Node readTemplate() {
		try (InputStream in = template != null ? Files.newInputStream(template)
				: GeneratedExport.class.getResourceAsStream(SAMPLE)) {
			if (in == null) {
				throw new IllegalStateException(SAMPLE + " is not on the class path");
			}
			XMLInputFactory factory = XMLInputFactory.newFactory();
			factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
			factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
			factory.setProperty(XMLInputFactory.IS_COALESCING, false);
			factory.setProperty("http://java.sun.com/xml/stream/properties/report-cdata-event", true);
			XMLStreamReader reader = factory.createXMLStreamReader(in);
			var stack = new ArrayList<Node>();
			Node root = null;
			while (reader.hasNext()) {
				switch (reader.next()) {
					case XMLStreamConstants.START_ELEMENT -> {
						var node = new Node(reader.getPrefix(), reader.getNamespaceURI(), reader.getLocalName());
						for (int i = 0; i < reader.getNamespaceCount(); i++) {
							node.namespaces.put(Objects.toString(reader.getNamespacePrefix(i), ""),
									reader.getNamespaceURI(i));
						}
						for (int i = 0; i < reader.getAttributeCount(); i++) {
							node.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
						}
						if (stack.isEmpty()) {
							root = node;
						}
						else {
							stack.get(stack.size() - 1).children.add(node);
						}
						stack.add(node);
					}
					case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
					case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
						if (!stack.isEmpty()) {
							List<Node> siblings = stack.get(stack.size() - 1).children;
							boolean cdata = reader.getEventType() == XMLStreamConstants.CDATA;
							Node last = siblings.isEmpty() ? null : siblings.get(siblings.size() - 1);
							if (last != null && last.name == null && last.cdata == cdata) {
								last.text.append(reader.getText());
							}
							else {
								var text = new Node(null, null, null);
								text.cdata = cdata;
								text.text.append(reader.getText());
								siblings.add(text);
							}
						}
					}
					default -> {
					}
				}
			}
			reader.close();
			return root;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (XMLStreamException e) {
			throw new IllegalStateException("the template is not a readable export", e);
		}
	}

	// --- writing ---

	private final class Writer {
		private final Node rss;
		private final Node channel;
		private final XMLStreamWriter xml;
		private final String blogUrl;
		private final List<Node> templatePosts = new ArrayList<>();
		private final List<Node> templatePages = new ArrayList<>();
		private final List<Node> templateComments = new ArrayList<>();
		private long nextItemId = 1;
		private long nextCommentId = 1;
		private long commentsWritten;

		private int published, drafts, sticky, approved, pending, trash, replies, categories, childCategories, tags,
				authors;

		Writer(Node rss, XMLStreamWriter xml) {
			this.rss = rss;
			this.channel = rss.child("", "channel");
			this.xml = xml;
			this.blogUrl = channel.text(WP, "base_blog_url").replaceAll("/+$", "");
			for (Node child : channel.children) {
				if (child.is("", "item")) {
					String type = child.text(WP, "post_type");
					if (type.equals("post")) {
						templatePosts.add(child);
						child.children.stream().filter(c -> c.is(WP, "comment")).forEach(templateComments::add);
					}
					else if (type.equals("page")) {
						templatePages.add(child);
					}
				}
			}
			if (templatePosts.isEmpty()) {
				throw new IllegalStateException("the template has no posts to repeat");
			}
			if (templateComments.isEmpty() && comments > 0) {
				throw new IllegalStateException("the template has no comments to repeat");
			}
		}

		Counts write() throws XMLStreamException {
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeCharacters("\n");
			xml.writeComment(" Generated from a WordPress export by GeneratedExport: " + posts + " posts, " + comments
					+ " comments. ");
			xml.writeCharacters("\n");
			startElement(rss);
			xml.writeCharacters("\n");
			startElement(channel);
			Node lastCategory = channel.children.stream().filter(c -> c.is(WP, "category")).reduce((a, b) -> b)
					.orElse(null);
			for (Node child : channel.children) {
				if (child.is("", "item")) {
					continue;
				}
				copy(child);
				if (child.is(WP, "author")) {
					authors++;
				}
				else if (child.is(WP, "tag")) {
					tags++;
				}
				else if (child.is(WP, "category")) {
					categories++;
					if (!child.text(WP, "category_parent").isEmpty()) {
						childCategories++;
					}
					if (child == lastCategory) {
						writeChildCategory();
					}
				}
			}
			for (Node page : templatePages) {
				writePage(page);
			}
			long publishedSoFar = 0;
			long publishedTotal = posts - drafted(posts);
			for (int i = 0; i < posts; i++) {
				if (isDraft(i)) {
					writePost(i, 0);
				}
				else {
					// Spread exactly: the first k published posts carry floor(k * comments / published) comments.
					long upTo = (publishedSoFar + 1) * comments / publishedTotal;
					writePost(i, (int) (upTo - commentsWritten));
					publishedSoFar++;
				}
			}
			xml.writeCharacters("\n");
			xml.writeEndElement();
			xml.writeCharacters("\n");
			xml.writeEndElement();
			xml.writeCharacters("\n");
			xml.writeEndDocument();
			return new Counts(posts, published, drafts, sticky, templatePages.size(), (int) commentsWritten, approved,
					pending, trash, replies, categories, childCategories, tags, authors);
		}

		private boolean isDraft(int i) {
			return i % 100 == 99;
		}

		private long drafted(int n) {
			return n / 100;
		}

		private void writeChildCategory() throws XMLStreamException {
			long termId = channel.children.stream().filter(c -> c.is(WP, "category") || c.is(WP, "tag")
					|| c.is(WP, "term")).mapToLong(c -> Long.parseLong(c.text(WP, "term_id"))).max().orElse(0) + 1;
			xml.writeCharacters("\n\t");
			xml.writeStartElement("wp", "category", WP);
			element("wp", "term_id", Long.toString(termId), false);
			element("wp", "category_nicename", CHILD_CATEGORY, true);
			element("wp", "category_parent", CHILD_CATEGORY_PARENT, true);
			element("wp", "cat_name", "Peterborough pilot", true);
			element("wp", "category_description", "The first payment-by-results pilot, at HMP Peterborough.", true);
			xml.writeCharacters("\n\t");
			xml.writeEndElement();
			categories++;
			childCategories++;
		}

		private void writePage(Node page) throws XMLStreamException {
			long id = nextItemId++;
			var changes = new LinkedHashMap<String, String>();
			changes.put("post_id", Long.toString(id));
			copyItem(page, changes, List.of(), List.of());
		}

		private void writePost(int i, int commentCount) throws XMLStreamException {
			Node template = templatePosts.get(i % templatePosts.size());
			int copy = i / templatePosts.size();
			long id = nextItemId++;
			String slug = template.text(WP, "post_name") + (copy == 0 ? "" : "-" + (copy + 1));
			boolean draft = isDraft(i);
			Instant gmt = FIRST.plusSeconds(SPAN.getSeconds() * i / posts
					+ Math.floorMod(i * 7919L + copy * 104729L, Math.max(1, SPAN.getSeconds() / posts)));
			LocalDateTime local = LocalDateTime.ofInstant(gmt, SITE_ZONE);
			String link = draft ? blogUrl + "/?p=" + id
					: blogUrl + String.format(Locale.ROOT, "/%04d/%02d/%s/", local.getYear(), local.getMonthValue(), slug);
			boolean isSticky = !draft && i % 1000 == 500;

			var changes = new LinkedHashMap<String, String>();
			changes.put("link", link);
			changes.put("guid", draft ? blogUrl + "/?p=" + id : link);
			// WordPress's own pubDate for a post that never had a date.
			changes.put("pubDate",
					draft ? "Mon, 30 Nov -0001 00:00:00 +0000" : RSS_DATE.format(gmt.atOffset(ZoneOffset.UTC)));
			changes.put("post_id", Long.toString(id));
			changes.put("post_date", WP_DATE.format(local));
			changes.put("post_date_gmt", draft ? NEVER : WP_DATE.format(gmt.atOffset(ZoneOffset.UTC)));
			changes.put("post_modified", WP_DATE.format(local));
			changes.put("post_modified_gmt", WP_DATE.format(gmt.atOffset(ZoneOffset.UTC)));
			changes.put("post_name", draft ? "" : slug);
			changes.put("status", draft ? "draft" : "publish");
			changes.put("is_sticky", isSticky ? "1" : "0");
			if (draft) {
				drafts++;
			}
			else {
				published++;
			}
			if (isSticky) {
				sticky++;
			}

			List<String[]> extraTerms = i % 7 == 3
					? List.<String[]>of(new String[] { "category", CHILD_CATEGORY, "Peterborough pilot" })
					: List.of();
			var generated = new ArrayList<GeneratedComment>(commentCount);
			long[] ids = new long[commentCount];
			for (int j = 0; j < commentCount; j++) {
				long n = commentsWritten++;
				Node comment = templateComments.get((int) (n % templateComments.size()));
				long commentId = nextCommentId++;
				ids[j] = commentId;
				boolean answers = j > 0 && !comment.text(WP, "comment_parent").equals("0");
				long parent = answers ? ids[j - 1 - (int) (n % Math.min(j, 3))] : 0;
				String state = n % 250 == 11 ? "trash" : n % 20 == 7 ? "0" : "1";
				switch (state) {
					case "trash" -> trash++;
					case "0" -> pending++;
					default -> approved++;
				}
				if (parent != 0) {
					replies++;
				}
				Instant when = gmt.plusSeconds((j + 1) * (5 * 3600L + n * 7919 % 3600));
				generated.add(new GeneratedComment(comment, commentId, parent, state, when));
			}
			copyItem(template, changes, extraTerms, generated);
		}

		private record GeneratedComment(Node template, long id, long parent, String approved, Instant gmt) {
		}

		/** The template's item with some fields changed, extra terms, and these comments instead of its own. */
		private void copyItem(Node item, Map<String, String> changes, List<String[]> extraTerms,
				List<GeneratedComment> generated) throws XMLStreamException {
			xml.writeCharacters("\n\t");
			startElement(item);
			boolean termsAdded = false;
			for (Node child : item.children) {
				if (child.is(WP, "comment")) {
					continue;
				}
				if (!termsAdded && child.is("", "category")) {
					for (String[] term : extraTerms) {
						xml.writeStartElement("category");
						xml.writeAttribute("domain", term[0]);
						xml.writeAttribute("nicename", term[1]);
						xml.writeCData(term[2]);
						xml.writeEndElement();
						xml.writeCharacters("\n\t\t");
					}
					termsAdded = true;
				}
				String changed = child.name == null ? null : changes.get(child.name);
				if (changed != null) {
					startElement(child);
					text(changed, child.hasCdata());
					xml.writeEndElement();
				}
				else {
					copy(child);
				}
			}
			for (GeneratedComment comment : generated) {
				LocalDateTime local = LocalDateTime.ofInstant(comment.gmt(), SITE_ZONE);
				var commentChanges = Map.of("comment_id", Long.toString(comment.id()), "comment_date",
						WP_DATE.format(local), "comment_date_gmt", WP_DATE.format(comment.gmt().atOffset(ZoneOffset.UTC)),
						"comment_approved", comment.approved(), "comment_parent", Long.toString(comment.parent()));
				xml.writeCharacters("\n\t\t");
				startElement(comment.template());
				for (Node child : comment.template().children) {
					String changed = child.name == null ? null : commentChanges.get(child.name);
					if (changed != null) {
						startElement(child);
						text(changed, child.hasCdata());
						xml.writeEndElement();
					}
					else {
						copy(child);
					}
				}
				xml.writeEndElement();
			}
			xml.writeCharacters("\n\t");
			xml.writeEndElement();
		}

		private void startElement(Node node) throws XMLStreamException {
			String prefix = node.prefix == null ? "" : node.prefix;
			String namespace = node.namespace == null ? "" : node.namespace;
			xml.writeStartElement(prefix, node.name, namespace);
			for (var declared : node.namespaces.entrySet()) {
				if (declared.getKey().isEmpty()) {
					xml.writeDefaultNamespace(declared.getValue());
				}
				else {
					xml.writeNamespace(declared.getKey(), declared.getValue());
				}
			}
			for (var attribute : node.attributes.entrySet()) {
				xml.writeAttribute(attribute.getKey(), attribute.getValue());
			}
		}

		private void copy(Node node) throws XMLStreamException {
			if (node.name == null) {
				text(node.text.toString(), node.cdata);
				return;
			}
			startElement(node);
			for (Node child : node.children) {
				copy(child);
			}
			xml.writeEndElement();
		}

		private void element(String prefix, String name, String value, boolean cdata) throws XMLStreamException {
			xml.writeCharacters("\n\t\t");
			xml.writeStartElement(prefix, name, WP);
			text(value, cdata);
			xml.writeEndElement();
		}

		/** CDATA as WordPress writes it: a {@code ]]>} inside is split across two sections. */
		private void text(String value, boolean cdata) throws XMLStreamException {
			if (!cdata) {
				xml.writeCharacters(value);
				return;
			}
			int from = 0;
			int end;
			while ((end = value.indexOf("]]>", from)) >= 0) {
				xml.writeCData(value.substring(from, end + 2));
				from = end + 2;
			}
			xml.writeCData(value.substring(from));
		}
	}
}
