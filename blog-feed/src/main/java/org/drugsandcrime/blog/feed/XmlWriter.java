package org.drugsandcrime.blog.feed;

import java.io.OutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.drugsandcrime.blog.core.render.XmlCharacters;

/**
 * A thin, unchecked face on the JDK's {@link XMLStreamWriter}, which escapes text and attribute values itself.
 * What no escaping can fix it removes first: characters XML 1.0 does not allow at all (most control
 * characters, unpaired surrogates). No CDATA sections are written, so a {@code ]]>} in content is only text.
 */
public final class XmlWriter {

	private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

	private final XMLStreamWriter xml;

	private XmlWriter(XMLStreamWriter xml) {
		this.xml = xml;
	}

	/** A UTF-8 document whose first byte is the {@code <} of its XML declaration. */
	public static XmlWriter open(OutputStream output) {
		try {
			XMLStreamWriter xml = FACTORY.createXMLStreamWriter(output, "UTF-8");
			xml.writeStartDocument("UTF-8", "1.0");
			return new XmlWriter(xml);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public XmlWriter start(String name) {
		return run(() -> xml.writeStartElement(name));
	}

	public XmlWriter start(String prefix, String name, String namespace) {
		return run(() -> xml.writeStartElement(prefix, name, namespace));
	}

	public XmlWriter defaultNamespace(String namespace) {
		return run(() -> xml.writeDefaultNamespace(namespace));
	}

	public XmlWriter namespace(String prefix, String namespace) {
		return run(() -> xml.writeNamespace(prefix, namespace));
	}

	public XmlWriter attribute(String name, String value) {
		return run(() -> xml.writeAttribute(name, XmlCharacters.clean(value)));
	}

	public XmlWriter text(String text) {
		return run(() -> xml.writeCharacters(XmlCharacters.clean(text)));
	}

	public XmlWriter end() {
		return run(xml::writeEndElement);
	}

	/** {@code <name>text</name>}, or nothing when there is no text. */
	public XmlWriter element(String name, String text) {
		return text == null ? this : start(name).text(text).end();
	}

	public XmlWriter element(String prefix, String name, String namespace, String text) {
		return text == null ? this : start(prefix, name, namespace).text(text).end();
	}

	/** An element with attributes only: {@code empty("link", "href", url, "rel", "self")}. */
	public XmlWriter empty(String name, String... attributes) {
		run(() -> xml.writeEmptyElement(name));
		for (int i = 0; i + 1 < attributes.length; i += 2) {
			if (attributes[i + 1] != null) {
				attribute(attributes[i], attributes[i + 1]);
			}
		}
		return this;
	}

	public XmlWriter emptyIn(String prefix, String name, String namespace, String... attributes) {
		run(() -> xml.writeEmptyElement(prefix, name, namespace));
		for (int i = 0; i + 1 < attributes.length; i += 2) {
			if (attributes[i + 1] != null) {
				attribute(attributes[i], attributes[i + 1]);
			}
		}
		return this;
	}

	public void endDocument() {
		run(xml::writeEndDocument);
		flush();
	}

	public void flush() {
		run(xml::flush);
	}

	private XmlWriter run(Step step) {
		try {
			step.run();
			return this;
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private interface Step {

		void run() throws XMLStreamException;
	}
}
