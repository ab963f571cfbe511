package org.drugsandcrime.blog.wordpress.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** An export read back by a strict, namespace-aware XML parser, as a test looks at it. */
record ExportedFile(String text, Document document) {

	static final String WP = "http://wordpress.org/export/1.2/";

	static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

	static final String EXCERPT = "http://wordpress.org/export/1.2/excerpt/";

	static final String DC = "http://purl.org/dc/elements/1.1/";

	/** Joins the chunks and parses them; a file that is not well-formed XML fails here. */
	static ExportedFile of(Flux<DataBuffer> export) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		export.doOnNext(buffer -> {
			byte[] chunk = new byte[buffer.readableByteCount()];
			buffer.read(chunk);
			bytes.writeBytes(chunk);
			DataBufferUtils.release(buffer);
		}).blockLast();
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes.toByteArray()));
			return new ExportedFile(bytes.toString(StandardCharsets.UTF_8), document);
		}
		catch (Exception ex) {
			throw new AssertionError("The export is not well-formed XML: " + ex.getMessage(), ex);
		}
	}

	Element channel() {
		return (Element) document.getDocumentElement().getElementsByTagName("channel").item(0);
	}

	List<Element> items() {
		return children(channel(), null, "item");
	}

	List<Element> items(String postType) {
		return items().stream().filter(item -> postType.equals(text(item, WP, "post_type"))).toList();
	}

	/** The item whose {@code guid} is this one, or null. */
	Element item(String guid) {
		return items().stream().filter(item -> guid.equals(text(item, null, "guid"))).findFirst().orElse(null);
	}

	List<Element> all(String namespace, String name) {
		return children(channel(), namespace, name);
	}

	static List<Element> children(Element parent, String namespace, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && name.equals(element.getLocalName())
					&& (namespace == null ? element.getNamespaceURI() == null : namespace.equals(element.getNamespaceURI()))) {
				found.add(element);
			}
		}
		return found;
	}

	/** The text of the first child element so named, CDATA sections joined; null when there is none. */
	static String text(Element parent, String namespace, String name) {
		List<Element> found = children(parent, namespace, name);
		return found.isEmpty() ? null : found.get(0).getTextContent();
	}
}
