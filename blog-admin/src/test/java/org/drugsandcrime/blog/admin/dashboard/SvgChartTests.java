package org.drugsandcrime.blog.admin.dashboard;

import java.io.StringReader;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Charts are well-formed SVG whatever their labels say, and are images with a title and a description. */
class SvgChartTests {

	static final String HOSTILE = "</text></svg><script>alert('x')</script>\"><a href=\"javascript:alert(1)\">&amp; \u0001\uD800 end";

	@Test
	void aHostileLabelStaysTextInAWellFormedDrawing() throws Exception {
		for (String svg : List.of(SvgChart.bars(data(HOSTILE)), SvgChart.columns(data(HOSTILE)), SvgChart.line(data(HOSTILE)))) {
			Document drawing = parse(svg);

			assertThat(drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "script").getLength()).isZero();
			assertThat(drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "a").getLength()).isZero();
			assertThat(svg).doesNotContain("<script").doesNotContain("<a ").doesNotContain("\u0001");
			NodeList tooltips = drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "title");
			assertThat(tooltips.item(1).getTextContent())
				.isEqualTo("</text></svg><script>alert('x')</script>\"><a href=\"javascript:alert(1)\">&amp;  end: 3 views");
			assertThat(drawing.getDocumentElement().getAttribute("aria-labelledby")).isEqualTo("hostile-title hostile-desc");
			assertThat(((Element) drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "desc").item(0)).getTextContent())
				.isEqualTo("A chart with </text> in its description");
		}
	}

	@Test
	void aDrawingIsAnImageNamedByItsTitleAndDescription() throws Exception {
		Document drawing = parse(SvgChart.columns(data("Tue 1 Dec 2026")));

		Element svg = drawing.getDocumentElement();
		assertThat(svg.getAttribute("role")).isEqualTo("img");
		assertThat(drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "title").item(0).getTextContent()).isEqualTo("Views & more");
		assertThat(((Element) drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "title").item(0)).getAttribute("id"))
			.isEqualTo("hostile-title");
		assertThat(((Element) drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "desc").item(0)).getAttribute("id"))
			.isEqualTo("hostile-desc");
	}

	@Test
	void aLongLabelIsShortenedOnTheDrawingButWholeInItsTooltip() throws Exception {
		String longTitle = "A very long title about probation, payment by results and the reunification of services in 2021";
		Document drawing = parse(SvgChart.bars(data(longTitle)));

		NodeList texts = drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "text");
		assertThat(texts.item(0).getTextContent()).endsWith("…").hasSizeLessThan(longTitle.length());
		assertThat(drawing.getElementsByTagNameNS(SvgChart.NAMESPACE, "title").item(1).getTextContent()).startsWith(longTitle);
	}

	@Test
	void theScaleRoundsUpToOneTwoOrFiveTimesAPowerOfTen() {
		assertThat(SvgChart.scale(0)).isEqualTo(1);
		assertThat(SvgChart.scale(1)).isEqualTo(1);
		assertThat(SvgChart.scale(3)).isEqualTo(5);
		assertThat(SvgChart.scale(7)).isEqualTo(10);
		assertThat(SvgChart.scale(11)).isEqualTo(20);
		assertThat(SvgChart.scale(210)).isEqualTo(500);
		assertThat(SvgChart.scale(1000)).isEqualTo(1000);
	}

	@Test
	void anIdThatCouldBreakOutOfItsAttributeIsRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new SvgChart.Data("x\" onload=\"alert(1)", "t", "d", "views", List.of()));
	}

	private static SvgChart.Data data(String label) {
		return new SvgChart.Data("hostile", "Views & more", "A chart with </text> in its description", "views",
				List.of(new SvgChart.Point(label, label, 3), new SvgChart.Point("", "second", 1)));
	}

	private static Document parse(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
	}
}
