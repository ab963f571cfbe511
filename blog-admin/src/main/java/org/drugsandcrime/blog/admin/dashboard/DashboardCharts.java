package org.drugsandcrime.blog.admin.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.drugsandcrime.blog.admin.layout.PostAddresses;
import org.drugsandcrime.blog.core.stats.StaffFigures;
import org.drugsandcrime.blog.core.stats.StaffFigures.Figure;
import org.drugsandcrime.blog.core.stats.StaffFigures.PostFigure;

/** Turns the dashboard's figures into charts: the drawing, its one-sentence description and its table. */
final class DashboardCharts {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

	private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.UK);

	private static final DateTimeFormatter LONG_MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

	private DashboardCharts() {
	}

	static ChartView viewsPerDay(List<Figure> days, boolean ownPosts) {
		String heading = ownPosts ? "Views of your posts per day" : "Page views per day";
		List<SvgChart.Point> points = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			Figure day = days.get(i);
			// A label a week, counted back from today, so the newest day is always named.
			boolean labelled = (days.size() - 1 - i) % 7 == 0;
			points.add(new SvgChart.Point(labelled ? DAY.format(day.start()) : "", LONG_DAY.format(day.start()), day.value()));
		}
		String description = days.isEmpty() ? "No figures." : "Post views per day (UTC) from " + DAY.format(days.get(0).start())
				+ " to " + LONG_DAY.format(days.get(days.size() - 1).start()) + ": " + total(days) + " in all"
				+ busiest(days, "on", figure -> DAY.format(figure.start())) + ".";
		return new ChartView("views-per-day", heading, SvgChart.columns(new SvgChart.Data("views-per-day-chart", heading,
				description, "views", points)), "Day", "Views", rows(days, figure -> LONG_DAY.format(figure.start())));
	}

	static ChartView mostRead(List<PostFigure> posts, boolean ownPosts) {
		String heading = ownPosts ? "Your most read posts this week" : "Most read posts this week";
		List<SvgChart.Point> points = posts.stream().map(post -> new SvgChart.Point("", post.title(), post.views())).toList();
		String description = posts.isEmpty() ? "No post was read in the last " + StaffFigures.MOST_READ_DAYS + " days."
				: "The " + (posts.size() == 1 ? "post" : posts.size() + " posts") + " read most in the last "
						+ StaffFigures.MOST_READ_DAYS + " days, most read first: " + posts.get(0).title() + " leads with "
						+ SvgChart.format(posts.get(0).views()) + " views.";
		List<ChartView.Row> rows = posts.stream()
			.map(post -> new ChartView.Row(post.title(), PostAddresses.editor(post.postId()), SvgChart.format(post.views())))
			.toList();
		return new ChartView("most-read", heading, SvgChart.bars(new SvgChart.Data("most-read-chart", heading, description,
				"views", points)), "Post", "Views", rows);
	}

	static ChartView postsPerMonth(List<Figure> months, boolean ownPosts) {
		String heading = ownPosts ? "Your posts published per month" : "Posts published per month";
		List<SvgChart.Point> points = monthly(months, "");
		String description = months.isEmpty() ? "No figures." : "Posts published per month from "
				+ LONG_MONTH.format(months.get(0).start()) + " to " + LONG_MONTH.format(months.get(months.size() - 1).start())
				+ ": " + total(months) + " in all" + busiest(months, "in", figure -> LONG_MONTH.format(figure.start())) + ".";
		return new ChartView("posts-per-month", heading, SvgChart.columns(new SvgChart.Data("posts-per-month-chart", heading,
				description, "posts", points)), "Month", "Posts", rows(months, figure -> LONG_MONTH.format(figure.start())));
	}

	static ChartView commentsPerWeek(List<Figure> weeks, boolean ownPosts) {
		String heading = ownPosts ? "Comments on your posts per week" : "Comments per week";
		List<SvgChart.Point> points = new ArrayList<>();
		for (int i = 0; i < weeks.size(); i++) {
			Figure week = weeks.get(i);
			boolean labelled = (weeks.size() - 1 - i) % 3 == 0;
			points.add(new SvgChart.Point(labelled ? DAY.format(week.start()) : "", weekOf(week.start()), week.value()));
		}
		String description = weeks.isEmpty() ? "No figures." : "Comments written per week (spam and trash left out) from the week of "
				+ DAY.format(weeks.get(0).start()) + " to this week: " + total(weeks) + " in all"
				+ busiest(weeks, "in the week of", figure -> LONG_DAY.format(figure.start())) + ".";
		return new ChartView("comments-per-week", heading, SvgChart.columns(new SvgChart.Data("comments-per-week-chart",
				heading, description, "comments", points)), "Week", "Comments", rows(weeks, figure -> weekOf(figure.start())));
	}

	static ChartView subscribersPerMonth(List<Figure> months) {
		String heading = "Subscribers over time";
		List<SvgChart.Point> points = monthly(months, "End of ");
		String description = months.isEmpty() ? "No figures." : "Confirmed subscribers at the end of each month from "
				+ LONG_MONTH.format(months.get(0).start()) + " (" + SvgChart.format(months.get(0).value()) + ") to now ("
				+ SvgChart.format(months.get(months.size() - 1).value()) + ").";
		return new ChartView("subscribers", heading, SvgChart.line(new SvgChart.Data("subscribers-chart", heading,
				description, "subscribers", points)), "Month", "Subscribers",
				rows(months, figure -> "End of " + LONG_MONTH.format(figure.start())));
	}

	/** Every other month named, counted back from this one, so that short names never crowd at a phone's width. */
	private static List<SvgChart.Point> monthly(List<Figure> months, String prefix) {
		List<SvgChart.Point> points = new ArrayList<>();
		for (int i = 0; i < months.size(); i++) {
			Figure month = months.get(i);
			boolean labelled = (months.size() - 1 - i) % 2 == 0;
			points.add(new SvgChart.Point(labelled ? MONTH.format(month.start()) : "", prefix + LONG_MONTH.format(month.start()),
					month.value()));
		}
		return points;
	}

	private static String weekOf(LocalDate monday) {
		return "Week of " + LONG_DAY.format(monday);
	}

	private static List<ChartView.Row> rows(List<Figure> figures, Function<Figure, String> label) {
		return figures.stream().map(figure -> new ChartView.Row(label.apply(figure), null, SvgChart.format(figure.value())))
			.toList();
	}

	private static String total(List<Figure> figures) {
		return SvgChart.format(figures.stream().mapToLong(Figure::value).sum());
	}

	private static String busiest(List<Figure> figures, String preposition, Function<Figure, String> label) {
		return figures.stream()
			.filter(figure -> figure.value() > 0)
			.max(Comparator.comparingLong(Figure::value).thenComparing(Figure::start))
			.map(top -> ", most " + preposition + " " + label.apply(top) + " (" + SvgChart.format(top.value()) + ")")
			.orElse("");
	}
}
