package org.drugsandcrime.blog.admin.dashboard;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Draws a chart as an SVG document, with an XML writer so that every label (post titles are staff's words, any
 * characters at all) is escaped as text or attribute and can never become markup. The drawing is a picture for
 * those who see it: it carries {@code role="img"}, a title and a one-sentence description, and the exact figures
 * go beside it as a table. No script, no style attribute (the portal's CSP allows neither inline), only
 * presentation attributes and classes from the portal's stylesheet.
 */
public final class SvgChart {

	static final String NAMESPACE = "http://www.w3.org/2000/svg";

	private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

	private static final int WIDTH = 480;

	private static final int FONT = 15;

	private static final int LEFT = 62;

	private static final int RIGHT = 8;

	private static final int TOP = 14;

	private static final int BOTTOM = 28;

	private static final int BAR_ROW = 42;

	private static final int LONGEST_LABEL = 54;

	/** What a chart shows: {@code id} names its title and description (letters, digits and dashes only). */
	public record Data(String id, String title, String description, String unit, List<Point> points) {

		public Data {
			if (!id.matches("[a-z][a-z0-9-]*")) {
				throw new IllegalArgumentException("Not an id: " + id);
			}
			points = List.copyOf(points);
		}

		long max() {
			return points.stream().mapToLong(Point::value).max().orElse(0);
		}
	}

	/**
	 * One column, bar or point: {@code axisLabel} is written under it (empty for none, where labels would crowd),
	 * {@code label} names it in full in its tooltip.
	 */
	public record Point(String axisLabel, String label, long value) {
	}

	private SvgChart() {
	}

	/** Vertical columns, one per point, left to right: a value per period. */
	static String columns(Data data) {
		int height = 200;
		return draw(data, height, (svg, scale) -> {
			int n = Math.max(1, data.points().size());
			double step = (WIDTH - LEFT - RIGHT) / (double) n;
			double plotHeight = height - TOP - BOTTOM;
			axes(svg, scale, height);
			for (int i = 0; i < data.points().size(); i++) {
				Point point = data.points().get(i);
				double x = LEFT + i * step;
				double h = plotHeight * point.value() / scale;
				svg.writeStartElement("rect");
				svg.writeAttribute("class", "chart-mark");
				svg.writeAttribute("x", number(x + step * 0.15));
				svg.writeAttribute("y", number(height - BOTTOM - h));
				svg.writeAttribute("width", number(step * 0.7));
				svg.writeAttribute("height", number(h));
				tooltip(svg, data, point);
				svg.writeEndElement();
				if (!point.axisLabel().isEmpty()) {
					text(svg, x + step / 2, height - BOTTOM + FONT + 4, "middle", "chart-axis", point.axisLabel());
				}
			}
		});
	}

	/** Horizontal bars, one per point, top to bottom, each with its label above it: a value per item. */
	public static String bars(Data data) {
		int height = TOP + Math.max(1, data.points().size()) * BAR_ROW;
		return draw(data, height, (svg, scale) -> {
			double longest = WIDTH - RIGHT - 64;
			for (int i = 0; i < data.points().size(); i++) {
				Point point = data.points().get(i);
				double y = TOP + i * BAR_ROW;
				text(svg, 0, y + FONT, "start", "chart-label", shorten(point.label()));
				double w = Math.max(1, longest * point.value() / scale);
				svg.writeStartElement("rect");
				svg.writeAttribute("class", "chart-mark");
				svg.writeAttribute("x", "0");
				svg.writeAttribute("y", number(y + FONT + 5));
				svg.writeAttribute("width", number(w));
				svg.writeAttribute("height", "14");
				tooltip(svg, data, point);
				svg.writeEndElement();
				text(svg, w + 6, y + FONT + 17, "start", "chart-axis", format(point.value()));
			}
		});
	}

	/** A line through the points, left to right: a running total over time. */
	static String line(Data data) {
		int height = 200;
		return draw(data, height, (svg, scale) -> {
			int n = data.points().size();
			double step = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, n);
			double plotHeight = height - TOP - BOTTOM;
			axes(svg, scale, height);
			StringBuilder path = new StringBuilder();
			for (int i = 0; i < n; i++) {
				Point point = data.points().get(i);
				path.append(i == 0 ? "" : " ").append(number(LEFT + step * (i + 0.5))).append(',')
					.append(number(height - BOTTOM - plotHeight * point.value() / scale));
			}
			svg.writeEmptyElement("polyline");
			svg.writeAttribute("class", "chart-line");
			svg.writeAttribute("fill", "none");
			svg.writeAttribute("points", path.toString());
			for (int i = 0; i < n; i++) {
				Point point = data.points().get(i);
				double x = LEFT + step * (i + 0.5);
				svg.writeStartElement("circle");
				svg.writeAttribute("class", "chart-mark");
				svg.writeAttribute("cx", number(x));
				svg.writeAttribute("cy", number(height - BOTTOM - plotHeight * point.value() / scale));
				svg.writeAttribute("r", "4");
				tooltip(svg, data, point);
				svg.writeEndElement();
				if (!point.axisLabel().isEmpty()) {
					text(svg, x, height - BOTTOM + FONT + 4, "middle", "chart-axis", point.axisLabel());
				}
			}
		});
	}

	private interface Marks {

		void draw(XMLStreamWriter svg, long scale) throws XMLStreamException;
	}

	private static String draw(Data data, int height, Marks marks) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter svg = XML.createXMLStreamWriter(out);
			svg.writeStartElement("svg");
			svg.writeAttribute("xmlns", NAMESPACE);
			svg.writeAttribute("class", "chart");
			svg.writeAttribute("viewBox", "0 0 " + WIDTH + " " + height);
			svg.writeAttribute("role", "img");
			svg.writeAttribute("aria-labelledby", data.id() + "-title " + data.id() + "-desc");
			svg.writeAttribute("font-size", Integer.toString(FONT));
			svg.writeStartElement("title");
			svg.writeAttribute("id", data.id() + "-title");
			svg.writeCharacters(clean(data.title()));
			svg.writeEndElement();
			svg.writeStartElement("desc");
			svg.writeAttribute("id", data.id() + "-desc");
			svg.writeCharacters(clean(data.description()));
			svg.writeEndElement();
			marks.draw(svg, scale(data.max()));
			svg.writeEndElement();
			svg.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Could not draw the chart " + data.id(), ex);
		}
		return out.toString();
	}

	/** Grid lines and figures at nought, half and the top of the scale. */
	private static void axes(XMLStreamWriter svg, long scale, int height) throws XMLStreamException {
		double plotHeight = height - TOP - BOTTOM;
		// Halfway only where it is a whole number: a scale of 1 or 5 has just its ends.
		long[] marks = scale % 2 == 0 ? new long[] { 0, scale / 2, scale } : new long[] { 0, scale };
		for (long value : marks) {
			double y = height - BOTTOM - plotHeight * value / scale;
			svg.writeEmptyElement("line");
			svg.writeAttribute("class", value == 0 ? "chart-base" : "chart-grid");
			svg.writeAttribute("x1", Integer.toString(LEFT));
			svg.writeAttribute("x2", Integer.toString(WIDTH - RIGHT));
			svg.writeAttribute("y1", number(y));
			svg.writeAttribute("y2", number(y));
			text(svg, LEFT - 6, y + FONT / 3.0, "end", "chart-axis", format(value));
		}
	}

	private static void tooltip(XMLStreamWriter svg, Data data, Point point) throws XMLStreamException {
		svg.writeStartElement("title");
		svg.writeCharacters(clean(point.label() + ": " + format(point.value()) + " " + data.unit()));
		svg.writeEndElement();
	}

	private static void text(XMLStreamWriter svg, double x, double y, String anchor, String type, String words)
			throws XMLStreamException {
		svg.writeStartElement("text");
		svg.writeAttribute("class", type);
		svg.writeAttribute("x", number(x));
		svg.writeAttribute("y", number(y));
		svg.writeAttribute("text-anchor", anchor);
		svg.writeCharacters(clean(words));
		svg.writeEndElement();
	}

	/** The top of the scale: the largest value rounded up to 1, 2 or 5 times a power of ten (at least 1). */
	static long scale(long max) {
		long power = 1;
		while (true) {
			for (long step : new long[] { 1, 2, 5 }) {
				if (step * power >= max) {
					return step * power;
				}
			}
			power *= 10;
		}
	}

	static String shorten(String label) {
		return label.codePointCount(0, label.length()) <= LONGEST_LABEL ? label
				: label.substring(0, label.offsetByCodePoints(0, LONGEST_LABEL - 1)).stripTrailing() + "…";
	}

	/**
	 * The text without the characters XML 1.0 cannot carry at all (control characters, lone surrogates): an XML
	 * writer escapes markup but passes these through, and a browser would then stop reading the drawing.
	 */
	static String clean(String text) {
		StringBuilder kept = new StringBuilder(text.length());
		text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
				|| (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(kept::appendCodePoint);
		return kept.toString();
	}

	static String format(long value) {
		return String.format(Locale.UK, "%,d", value);
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}
}
