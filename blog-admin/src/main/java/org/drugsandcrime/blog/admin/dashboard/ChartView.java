package org.drugsandcrime.blog.admin.dashboard;

import java.util.List;

/**
 * A chart as the dashboard shows it: a heading, the drawing, and the same figures as a table for those who
 * cannot see the drawing or want the exact numbers.
 *
 * @param id names the chart's elements (heading, drawing's title and description)
 * @param svg the drawing, escaped and well-formed (written by {@link SvgChart}), to insert as it is
 */
record ChartView(String id, String heading, String svg, String labelHeading, String valueHeading, List<Row> rows) {

	/** A line of the table; {@code href} links the label where there is a screen for it (else null). */
	record Row(String label, String href, String value) {
	}
}
