package org.drugsandcrime.blog.admin.dashboard;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.EditorialPosts;
import org.drugsandcrime.blog.core.post.PostReview;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.stats.StaffFigures;
import org.drugsandcrime.blog.core.subscription.SubscriberDirectory;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page after sign-in: counts, charts of readers, posts, comments and subscribers, and the drafts and
 * scheduled posts to get on with. Editors and admins see the whole site; an author sees their own posts' figures
 * and nothing that links to a screen their role cannot open.
 */
@Controller
class DashboardController {

	private final EditorialPosts posts;

	private final StaffFigures figures;

	private final SubscriberDirectory subscribers;

	private final PostReview review;

	private final Site site;

	DashboardController(EditorialPosts posts, StaffFigures figures, SubscriberDirectory subscribers, PostReview review,
			Site site) {
		this.posts = posts;
		this.site = site;
		this.figures = figures;
		this.subscribers = subscribers;
		this.review = review;
	}

	@GetMapping("/")
	Mono<String> dashboard(Staff staff, Model model) {
		boolean editor = staff.isEditor();
		Long onlyMine = editor ? null : staff.id();
		// Months and weeks follow the site's calendar; views are counted per UTC day by the public site.
		Mono<List<ChartView>> charts = site.time()
			.map(SiteTime::zone)
			.flatMap(zone -> Mono.zip(figures.viewsPerDay(onlyMine), figures.mostReadThisWeek(onlyMine),
					figures.postsPerMonth(onlyMine, zone), figures.commentsPerWeek(onlyMine, zone),
					editor ? figures.subscribersPerMonth(zone) : Mono.just(List.<StaffFigures.Figure>of())))
			.map(parts -> {
				List<ChartView> all = new ArrayList<>(List.of(DashboardCharts.viewsPerDay(parts.getT1(), !editor),
						DashboardCharts.mostRead(parts.getT2(), !editor), DashboardCharts.postsPerMonth(parts.getT3(), !editor),
						DashboardCharts.commentsPerWeek(parts.getT4(), !editor)));
				if (editor) {
					all.add(DashboardCharts.subscribersPerMonth(parts.getT5()));
				}
				return List.copyOf(all);
			});
		return Mono.zip(figures.counts(onlyMine), editor ? subscribers.count() : Mono.just(0L),
				posts.list(new EditorialPosts.Filter("draft", null, onlyMine, null), 1, 5),
				posts.list(new EditorialPosts.Filter("scheduled", null, onlyMine, null), 1, 5),
				editor ? review.waiting(20).collectList() : Mono.just(List.<PostReview.Waiting>of()), charts)
			.map(parts -> {
				StaffFigures.Counts counts = parts.getT1();
				model.addAttribute("dashboard", new DashboardView(editor, counts.drafts(), counts.scheduled(),
						counts.published(), counts.pendingComments(), parts.getT2(), parts.getT3().rows(),
						parts.getT4().rows(), parts.getT5(), parts.getT6()));
				return "dashboard";
			});
	}

	/**
	 * What the dashboard shows. {@code wholeSite} is false for an author: the counts and charts are then of their own
	 * posts, and the figures that only editors may follow up (comments, subscribers) are not links.
	 */
	record DashboardView(boolean wholeSite, long drafts, long scheduled, long published, long pendingComments,
			long subscribers, List<EditorialPosts.Row> latestDrafts, List<EditorialPosts.Row> nextScheduled,
			List<PostReview.Waiting> waitingForReview, List<ChartView> charts) {
	}
}
