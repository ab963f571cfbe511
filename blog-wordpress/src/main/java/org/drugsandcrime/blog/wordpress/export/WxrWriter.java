package org.drugsandcrime.blog.wordpress.export;

import java.io.OutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.drugsandcrime.blog.core.render.XmlCharacters;

/**
 * A thin, unchecked face on the JDK's {@link XMLStreamWriter} for writing WXR. Text goes where WordPress's own
 * export puts it: escaped characters for links, numbers and dates, CDATA sections for words and bodies. What no
 * escaping can carry is removed first (characters XML 1.0 forbids, unpaired surrogates).
 */
final class WxrWriter {

	private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

	private final XMLStreamWriter xml;

	private WxrWriter(XMLStreamWriter xml) {
		this.xml = xml;
	}

	/** A UTF-8 document whose first byte is the {@code <} of its XML declaration. */
	static WxrWriter open(OutputStream output) {
		try {
			XMLStreamWriter xml = FACTORY.createXMLStreamWriter(output, "UTF-8");
			xml.writeStartDocument("UTF-8", "1.0");
			return new WxrWriter(xml);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	WxrWriter start(String name) {
		return run(() -> xml.writeStartElement(name));
	}

	/** An element of a namespace whose prefix the root declared (WordPress's importer reads them by prefix). */
	WxrWriter start(String prefix, String name) {
		return run(() -> xml.writeStartElement(prefix + ":" + name));
	}

	WxrWriter namespace(String prefix, String uri) {
		return run(() -> xml.writeNamespace(prefix, uri));
	}

	WxrWriter attribute(String name, String value) {
		return run(() -> xml.writeAttribute(name, XmlCharacters.clean(value)));
	}

	WxrWriter comment(String text) {
		return run(() -> xml.writeComment(text));
	}

	WxrWriter text(String text) {
		return run(() -> xml.writeCharacters(XmlCharacters.clean(text)));
	}

	/**
	 * Text in CDATA, as WordPress writes it. A CDATA section cannot hold {@code ]]>}, so each one splits the text
	 * into two sections between {@code ]]} and {@code >}: the same {@code ]]]]><![CDATA[>} WordPress writes, which
	 * its importer and any XML parser join back into the original text.
	 */
	WxrWriter cdata(String text) {
		String clean = XmlCharacters.clean(text);
		if (clean.isEmpty()) {
			return run(() -> xml.writeCData(""));
		}
		int from = 0;
		int end;
		while ((end = clean.indexOf("]]>", from)) >= 0) {
			String part = clean.substring(from, end + 2);
			run(() -> xml.writeCData(part));
			from = end + 2;
		}
		String rest = clean.substring(from);
		return run(() -> xml.writeCData(rest));
	}

	WxrWriter end() {
		return run(xml::writeEndElement);
	}

	/** {@code <prefix:name>text</prefix:name>} with the text escaped. */
	WxrWriter plain(String prefix, String name, String text) {
		return start(prefix, name).text(text).end();
	}

	/** {@code <prefix:name><![CDATA[text]]></prefix:name>}. */
	WxrWriter words(String prefix, String name, String text) {
		return start(prefix, name).cdata(text).end();
	}

	void endDocument() {
		run(xml::writeEndDocument);
		flush();
	}

	void flush() {
		run(xml::flush);
	}

	private WxrWriter run(Step step) {
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
