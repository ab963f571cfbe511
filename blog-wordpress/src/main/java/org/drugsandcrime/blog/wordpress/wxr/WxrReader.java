package org.drugsandcrime.blog.wordpress.wxr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Reads a WordPress export one entry at a time with a StAX pull parser: the site, then authors and terms, then each
 * item with its comments. Only one item is held at a time, so a file of any size is read in constant memory.
 * <p>
 * A document type declaration is refused outright, before anything it declares is used: WordPress never writes one,
 * and it is the only way in for entity expansion ("billion laughs") and external entities (reading a local file).
 * DTD support and external entities are also switched off in the parser, so nothing is fetched even if that check
 * were lost.
 * <p>
 * Not thread-safe: one reader is pulled by one thread at a time. {@link #entries(Callable)} does that on a
 * bounded-elastic thread.
 */
public final class WxrReader implements AutoCloseable {

	/** {@code http://wordpress.org/export/1.0/} to {@code 1.2/} and whatever WordPress numbers next. */
	private static final Pattern WP_NAMESPACE = Pattern.compile("https?://wordpress\\.org/export/\\d+\\.\\d+/");

	private static final Pattern EXCERPT_NAMESPACE = Pattern
		.compile("https?://wordpress\\.org/export/\\d+\\.\\d+/excerpt/");

	private static final String CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/";

	private static final String DC_NAMESPACE = "http://purl.org/dc/elements/1.1/";

	private static final String NOT_WXR = "This file is not a WordPress export: ";

	/**
	 * The longest text an element may hold, in characters. Far above any real post (a whole book is a few million),
	 * low enough that the import, which holds an item and its converted body, stays within a 256 MB heap.
	 */
	static final int MAX_TEXT = 16 * 1024 * 1024;

	private final InputStream in;

	private final XMLStreamReader xml;

	private final Namespaces namespaces = new Namespaces();

	private final StringBuilder text = new StringBuilder(1024);

	private boolean siteHandedOut;

	private boolean finished;

	/** The first entry after the site, read while looking for the end of the channel's own fields. */
	private WxrEntry pending;

	private boolean channelEnded;

	/** Term ids of the categories and tags handed out: a site has thousands at most. */
	private final Set<Long> categoryTermIds = new HashSet<>();

	private final Set<Long> tagTermIds = new HashSet<>();

	private WxrReader(InputStream in, XMLStreamReader xml) {
		this.in = in;
		this.xml = xml;
	}

	/**
	 * Starts reading an export: checks that it is XML whose root is {@code rss}, refusing a document type
	 * declaration. The stream is closed by {@link #close()}, or at once if this throws.
	 *
	 * @throws WxrException when the file is empty, not XML, or declares a document type
	 */
	public static WxrReader open(InputStream source) {
		InputStream in = new BufferedInputStream(source, 64 * 1024);
		XMLStreamReader xml = null;
		try {
			byte[] start = firstBytes(in, 4);
			if (start.length == 0) {
				throw new WxrException(NOT_WXR + "the file is empty.");
			}
			if (start.length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
				throw new WxrException(NOT_WXR + "it is a zip archive. Unpack it and import the .xml file inside.");
			}
			if (start.length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
				throw new WxrException(NOT_WXR + "it is compressed with gzip. Unpack it and import the .xml file.");
			}
			// A factory a file: the JDK's is not promised to be safe for two imports at once, and costs microseconds.
			xml = factory().createXMLStreamReader(in);
			WxrReader reader = new WxrReader(in, xml);
			reader.startRss();
			return reader;
		}
		catch (XMLStreamException ex) {
			closeQuietly(xml, in);
			if (isCutShort(reason(ex))) {
				throw new WxrException(NOT_WXR + "it ends before any XML element begins. Is it empty?", ex);
			}
			throw notReadable(ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(xml, in);
			throw ex;
		}
	}

	/**
	 * The entries of the export {@code source} opens, pulled on a bounded-elastic thread as they are requested. The
	 * stream is opened on subscription and closed when the entries end, fail or are cancelled.
	 */
	public static Flux<WxrEntry> entries(Callable<InputStream> source) {
		// subscribeOn moves later requests onto the same worker too, so the pull parser never runs on the thread
		// that asked for more (an event loop, after a database batch).
		return Flux.<WxrEntry, WxrReader>generate(() -> open(source.call()), (reader, sink) -> {
			WxrEntry entry = reader.next();
			if (entry == null) {
				sink.complete();
			}
			else {
				sink.next(entry);
			}
			return reader;
		}, WxrReader::close).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The next entry, or null after the last.
	 *
	 * @throws WxrException when the file turns out not to be a WordPress export, is cut short or is not well-formed
	 */
	public WxrEntry next() {
		if (finished) {
			return null;
		}
		try {
			if (!siteHandedOut) {
				siteHandedOut = true;
				return site();
			}
			if (pending != null) {
				WxrEntry entry = pending;
				pending = null;
				return entry;
			}
			while (!channelEnded) {
				int event = xml.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					WxrEntry entry = channelEntry();
					if (entry != null) {
						return entry;
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					channelEnded = true;
				}
			}
			// Whatever follows up to </rss> is still read, so a file cut short there is noticed.
			while (xml.hasNext()) {
				xml.next();
			}
			finished = true;
			return null;
		}
		catch (XMLStreamException ex) {
			finished = true;
			throw notReadable(ex);
		}
	}

	@Override
	public void close() {
		finished = true;
		closeQuietly(xml, in);
	}

	private static XMLInputFactory factory() {
		// The JDK's own parser, whatever else is on the class path: its handling of these switches is known.
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
		// Text arrives in pieces, CDATA too, and is joined here: a parser that joined it would hold a text of
		// any size before this reader could refuse it.
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		factory.setProperty("jdk.xml.cdataChunkSize", 32 * 1024);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setXMLResolver((publicId, systemId, base, namespace) -> {
			throw new XMLStreamException("external entity refused: " + systemId);
		});
		return factory;
	}

	/** Up to {@code count} bytes from the start of {@code in}, which is left where it was. */
	private static byte[] firstBytes(InputStream in, int count) {
		try {
			in.mark(count);
			byte[] start = in.readNBytes(count);
			in.reset();
			return start;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Up to the root element, which must be {@code rss}. */
	private void startRss() throws XMLStreamException {
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.DTD) {
				throw doctype();
			}
			if (event == XMLStreamConstants.START_ELEMENT) {
				if (!xml.getLocalName().equals("rss")) {
					throw new WxrException(NOT_WXR + "it is XML, but its root element is <" + xml.getLocalName()
							+ ">, not the <rss> a WordPress export starts with.");
				}
				return;
			}
		}
		throw new WxrException(NOT_WXR + "it holds no XML element at all.");
	}

	private static WxrException doctype() {
		return new WxrException(NOT_WXR + "it declares a document type (<!DOCTYPE ...>), which WordPress never "
				+ "writes. Refused without reading it, because a document type can expand entities without end "
				+ "or read other files.");
	}

	/** The channel's own fields, read up to its first author, term or item. */
	private WxrSite site() throws XMLStreamException {
		if (!findChannel()) {
			throw new WxrException(NOT_WXR + "it is RSS, but has no <channel>.");
		}
		String title = "", link = "", description = "", language = "", version = "", siteUrl = "", blogUrl = "";
		while (true) {
			int event = xml.next();
			if (event == XMLStreamConstants.END_ELEMENT) {
				channelEnded = true;
				break;
			}
			if (event != XMLStreamConstants.START_ELEMENT) {
				continue;
			}
			Ns ns = namespaces.of(xml.getNamespaceURI());
			String name = xml.getLocalName();
			if (ns == Ns.WP && name.equals("wxr_version")) {
				version = strippedText();
			}
			else if (ns == Ns.WP && name.equals("base_site_url")) {
				siteUrl = strippedText();
			}
			else if (ns == Ns.WP && name.equals("base_blog_url")) {
				blogUrl = strippedText();
			}
			else if (ns == Ns.NONE && name.equals("title")) {
				title = strippedText();
			}
			else if (ns == Ns.NONE && name.equals("link")) {
				link = strippedText();
			}
			else if (ns == Ns.NONE && name.equals("description")) {
				description = strippedText();
			}
			else if (ns == Ns.NONE && name.equals("language")) {
				language = strippedText();
			}
			else if (ns == Ns.NONE && name.equals("item") || ns == Ns.WP && isTermOrAuthor(name)) {
				break;
			}
			else {
				skipElement();
			}
		}
		if (version.isEmpty()) {
			throw new WxrException(NOT_WXR + "it is an RSS feed without the <wp:wxr_version> WordPress writes "
					+ "in every export. Export the site with WordPress's Tools → Export instead.");
		}
		WxrSite site = new WxrSite(title, link, description, language, version, siteUrl,
				blogUrl.isEmpty() ? siteUrl : blogUrl);
		if (!channelEnded) {
			pending = channelEntry();
		}
		return site;
	}

	private static boolean isTermOrAuthor(String name) {
		return name.equals("author") || name.equals("category") || name.equals("tag") || name.equals("term");
	}

	private boolean findChannel() throws XMLStreamException {
		while (true) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				if (xml.getLocalName().equals("channel")) {
					return true;
				}
				skipElement();
			}
			else if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
				return false;
			}
		}
	}

	/** The entry starting at the current element of the channel, or null when it is one the blog has no use for. */
	private WxrEntry channelEntry() throws XMLStreamException {
		Ns ns = namespaces.of(xml.getNamespaceURI());
		String name = xml.getLocalName();
		if (ns == Ns.NONE && name.equals("item")) {
			return item();
		}
		if (ns == Ns.WP) {
			switch (name) {
				case "author":
					return author();
				case "category":
					return category();
				case "tag":
					return tag();
				case "term":
					return termOrCategoryOrTag();
				default:
					break;
			}
		}
		skipElement();
		return null;
	}

	/** The next child element in WordPress's namespace; children a plugin added in its own namespace are skipped. */
	private boolean nextWordPressChild() throws XMLStreamException {
		while (nextChild()) {
			if (namespaces.of(xml.getNamespaceURI()) == Ns.WP) {
				return true;
			}
			skipElement();
		}
		return false;
	}

	private WxrAuthor author() throws XMLStreamException {
		long id = 0;
		String login = "", email = "", displayName = "", firstName = "", lastName = "";
		while (nextWordPressChild()) {
			switch (xml.getLocalName()) {
				case "author_id" -> id = number();
				case "author_login" -> login = strippedText();
				case "author_email" -> email = strippedText();
				case "author_display_name" -> displayName = strippedText();
				case "author_first_name" -> firstName = strippedText();
				case "author_last_name" -> lastName = strippedText();
				default -> skipElement();
			}
		}
		return new WxrAuthor(id, login, email, displayName, firstName, lastName);
	}

	private WxrCategory category() throws XMLStreamException {
		long id = 0;
		String nicename = "", parent = "", name = "", description = "";
		while (nextWordPressChild()) {
			switch (xml.getLocalName()) {
				case "term_id" -> id = number();
				case "category_nicename" -> nicename = strippedText();
				case "category_parent" -> parent = strippedText();
				case "cat_name" -> name = strippedText();
				case "category_description" -> description = strippedText();
				default -> skipElement();
			}
		}
		categoryTermIds.add(id);
		return new WxrCategory(id, nicename, parent, name, description);
	}

	private WxrTag tag() throws XMLStreamException {
		long id = 0;
		String slug = "", name = "", description = "";
		while (nextWordPressChild()) {
			switch (xml.getLocalName()) {
				case "term_id" -> id = number();
				case "tag_slug" -> slug = strippedText();
				case "tag_name" -> name = strippedText();
				case "tag_description" -> description = strippedText();
				default -> skipElement();
			}
		}
		tagTermIds.add(id);
		return new WxrTag(id, slug, name, description);
	}

	/**
	 * A {@code wp:term}. WordPress 4.x and later write every category and tag a second time as a {@code wp:term};
	 * those already handed out are left out, and a category or tag written only this way is handed out as one.
	 */
	private WxrEntry termOrCategoryOrTag() throws XMLStreamException {
		WxrTerm term = term();
		if (term.taxonomy().equals("category")) {
			return categoryTermIds.add(term.termId()) ? new WxrCategory(term.termId(), term.slug(),
					term.parentSlug(), term.name(), term.description()) : null;
		}
		if (term.taxonomy().equals("post_tag")) {
			return tagTermIds.add(term.termId())
					? new WxrTag(term.termId(), term.slug(), term.name(), term.description()) : null;
		}
		return term;
	}

	private WxrTerm term() throws XMLStreamException {
		long id = 0;
		String taxonomy = "", slug = "", name = "", parent = "", description = "";
		while (nextWordPressChild()) {
			switch (xml.getLocalName()) {
				case "term_id" -> id = number();
				case "term_taxonomy" -> taxonomy = strippedText();
				case "term_slug" -> slug = strippedText();
				case "term_name" -> name = strippedText();
				case "term_parent" -> parent = strippedText();
				case "term_description" -> description = strippedText();
				default -> skipElement();
			}
		}
		return new WxrTerm(id, taxonomy, slug, name, parent, description);
	}

	private WxrItem item() throws XMLStreamException {
		long postId = 0, postParent = 0;
		int menuOrder = 0;
		boolean sticky = false;
		String postType = "", title = "", link = "", guid = "", creator = "", content = "", excerpt = "",
				postDate = "", postDateGmt = "", modifiedGmt = "", postName = "", status = "", password = "",
				commentStatus = "", attachmentUrl = "";
		List<WxrItemTerm> terms = new ArrayList<>();
		List<WxrMeta> meta = new ArrayList<>();
		List<WxrComment> comments = new ArrayList<>();
		while (nextChild()) {
			Ns ns = namespaces.of(xml.getNamespaceURI());
			String name = xml.getLocalName();
			if (ns == Ns.NONE) {
				switch (name) {
					case "title" -> title = strippedText();
					case "link" -> link = strippedText();
					case "guid" -> guid = strippedText();
					case "category" -> {
						WxrItemTerm term = itemTerm();
						if (term != null) {
							terms.add(term);
						}
					}
					default -> skipElement();
				}
			}
			else if (ns == Ns.WP) {
				switch (name) {
					case "post_id" -> postId = number();
					case "post_type" -> postType = strippedText();
					case "post_date" -> postDate = strippedText();
					case "post_date_gmt" -> postDateGmt = strippedText();
					case "post_modified_gmt" -> modifiedGmt = strippedText();
					case "post_name" -> postName = strippedText();
					case "status" -> status = strippedText();
					case "post_parent" -> postParent = number();
					case "menu_order" -> menuOrder = (int) number();
					case "is_sticky" -> sticky = number() != 0;
					case "post_password" -> password = text();
					case "comment_status" -> commentStatus = strippedText();
					case "attachment_url" -> attachmentUrl = strippedText();
					case "postmeta" -> meta.add(meta());
					case "comment" -> comments.add(comment());
					default -> skipElement();
				}
			}
			else if (ns == Ns.CONTENT && name.equals("encoded")) {
				content = text();
			}
			else if (ns == Ns.EXCERPT && name.equals("encoded")) {
				excerpt = text();
			}
			else if (ns == Ns.DC && name.equals("creator")) {
				creator = strippedText();
			}
			else {
				skipElement();
			}
		}
		return new WxrItem(postId, postType, title, link, guid, creator, content, excerpt, postDate, postDateGmt,
				modifiedGmt, postName, status, postParent, menuOrder, sticky, password, commentStatus, attachmentUrl,
				terms, meta, comments);
	}

	/**
	 * An item's {@code category} with a {@code nicename}. WXR 1.0 also writes each category once more without
	 * one, and calls tags {@code tag}; as WordPress's importer does, the first are left out and the second read
	 * as {@code post_tag}.
	 */
	private WxrItemTerm itemTerm() throws XMLStreamException {
		String domain = attribute("domain");
		String nicename = attribute("nicename");
		String name = strippedText();
		if (nicename.isEmpty()) {
			return null;
		}
		return new WxrItemTerm(domain.equals("tag") ? "post_tag" : domain, nicename, name);
	}

	private WxrMeta meta() throws XMLStreamException {
		String key = "", value = "";
		while (nextWordPressChild()) {
			switch (xml.getLocalName()) {
				case "meta_key" -> key = strippedText();
				case "meta_value" -> value = text();
				default -> skipElement();
			}
		}
		return new WxrMeta(key, value);
	}

	private WxrComment comment() throws XMLStreamException {
		long id = 0, parent = 0, userId = 0;
		String author = "", email = "", url = "", ip = "", date = "", dateGmt = "", content = "", approved = "",
				type = "";
		List<WxrMeta> meta = new ArrayList<>();
		while (nextWordPressChild()) {
			switch (xml.getLocalName()) {
				case "comment_id" -> id = number();
				case "comment_author" -> author = strippedText();
				case "comment_author_email" -> email = strippedText();
				case "comment_author_url" -> url = strippedText();
				case "comment_author_IP" -> ip = strippedText();
				case "comment_date" -> date = strippedText();
				case "comment_date_gmt" -> dateGmt = strippedText();
				case "comment_content" -> content = text();
				case "comment_approved" -> approved = strippedText();
				case "comment_type" -> type = strippedText();
				case "comment_parent" -> parent = number();
				case "comment_user_id" -> userId = number();
				case "commentmeta" -> meta.add(meta());
				default -> skipElement();
			}
		}
		return new WxrComment(id, author, email, url, ip, date, dateGmt, content, approved, type, parent, userId,
				meta);
	}

	/** Moves to the next child element of the current one: false at the current one's end. */
	private boolean nextChild() throws XMLStreamException {
		while (true) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				return true;
			}
			if (event == XMLStreamConstants.END_ELEMENT) {
				return false;
			}
		}
	}

	/**
	 * The text of the current element, CDATA sections (WordPress splits one holding "]]>") and character references
	 * joined; markup inside it (never written by WordPress) is passed over.
	 *
	 * @throws WxrException when the text is longer than {@link #MAX_TEXT}
	 */
	private String text() throws XMLStreamException {
		String single = null;
		text.setLength(0);
		int depth = 0;
		int line = xml.getLocation().getLineNumber();
		String prefix = xml.getPrefix();
		String name = xml.getLocalName();
		while (true) {
			int event = xml.next();
			switch (event) {
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
						XMLStreamConstants.ENTITY_REFERENCE -> {
					if (depth > 0) {
						break;
					}
					if (single == null && text.isEmpty()) {
						single = xml.getText();
					}
					else {
						if (single != null) {
							text.append(single);
							single = null;
						}
						if (text.length() + xml.getTextLength() > MAX_TEXT) {
							String element = prefix == null || prefix.isEmpty() ? name : prefix + ":" + name;
							throw new WxrException("This WordPress export has a <" + element + "> at line " + line
									+ " longer than " + MAX_TEXT / (1024 * 1024) + " million characters, more than any "
									+ "post or comment can be. Remove that item from the export and import again.");
						}
						text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
					}
				}
				case XMLStreamConstants.START_ELEMENT -> depth++;
				case XMLStreamConstants.END_ELEMENT -> {
					if (depth-- == 0) {
						return single != null ? single : text.toString();
					}
				}
				default -> {
				}
			}
		}
	}

	private String strippedText() throws XMLStreamException {
		return text().strip();
	}

	private long number() throws XMLStreamException {
		String name = xml.getPrefix() + ":" + xml.getLocalName();
		int line = xml.getLocation().getLineNumber();
		String value = strippedText();
		if (value.isEmpty()) {
			return 0;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new WxrException("This WordPress export has a <" + name + "> that is not a number at line " + line
					+ ": \"" + shortened(value) + "\".");
		}
	}

	private String attribute(String name) {
		String value = xml.getAttributeValue(null, name);
		return value == null ? "" : value.strip();
	}

	private void skipElement() throws XMLStreamException {
		int depth = 0;
		while (true) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamConstants.END_ELEMENT && depth-- == 0) {
				return;
			}
		}
	}

	private static String shortened(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}

	/** What the parser found wrong, in words for staff. */
	private static WxrException notReadable(XMLStreamException ex) {
		Location location = ex.getLocation();
		int line = location == null ? -1 : location.getLineNumber();
		String reason = reason(ex);
		if (isCutShort(reason)) {
			return new WxrException("This WordPress export is cut short at line " + line
					+ ": the file ends before the export does. Was the download or upload interrupted?", ex);
		}
		if (reason.contains("Content is not allowed in prolog")) {
			return new WxrException(NOT_WXR + "it is not XML: an export starts with <?xml or <rss, this file with "
					+ "something else.", ex);
		}
		if (reason.contains("DOCTYPE") || reason.contains("external entity refused")) {
			return doctype();
		}
		return new WxrException("This WordPress export is not well-formed XML at line " + line + ": " + reason, ex);
	}

	/** The parser's own words: the JDK's start with "ParseError at [row,col]:[..]\nMessage: ", which staff need not see. */
	private static String reason(XMLStreamException ex) {
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		int at = message.lastIndexOf("Message: ");
		return at >= 0 ? message.substring(at + "Message: ".length()).strip() : message.strip();
	}

	private static boolean isCutShort(String reason) {
		return reason.contains("end of file") || reason.contains("must start and end within the same entity")
				|| reason.contains("Premature end") || reason.contains("Unexpected EOF");
	}

	private static void closeQuietly(XMLStreamReader xml, InputStream in) {
		try {
			if (xml != null) {
				xml.close();
			}
		}
		catch (XMLStreamException ex) {
			// The stream below is what holds the file; it is closed next either way.
		}
		try {
			in.close();
		}
		catch (IOException ex) {
			// Nothing more can be done with a stream that will not close.
		}
	}

	private enum Ns {
		NONE, WP, EXCERPT, CONTENT, DC, OTHER
	}

	/** Remembers which kind each namespace address is: a file names only a handful. */
	private static final class Namespaces {

		private final Map<String, Ns> known = new HashMap<>();

		Ns of(String uri) {
			if (uri == null || uri.isEmpty()) {
				return Ns.NONE;
			}
			Ns ns = known.get(uri);
			if (ns == null) {
				ns = classify(uri);
				known.put(uri, ns);
			}
			return ns;
		}

		private static Ns classify(String uri) {
			if (WP_NAMESPACE.matcher(uri).matches()) {
				return Ns.WP;
			}
			if (EXCERPT_NAMESPACE.matcher(uri).matches()) {
				return Ns.EXCERPT;
			}
			if (uri.equals(CONTENT_NAMESPACE)) {
				return Ns.CONTENT;
			}
			if (uri.equals(DC_NAMESPACE)) {
				return Ns.DC;
			}
			return Ns.OTHER;
		}
	}
}
