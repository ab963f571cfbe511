package org.drugsandcrime.blog.admin.dashboard;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.ModerationQueue;
import org.drugsandcrime.blog.core.post.EditorialPosts;
import org.drugsandcrime.blog.core.post.PostReview;
import org.drugsandcrime.blog.core.subscription.SubscriberDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page after sign-in: drafts, scheduled posts, comments waiting and subscribers, with the latest drafts. */
@Controller
class DashboardController {

	private final EditorialPosts posts;

	private final ModerationQueue comments;

	private final SubscriberDirectory subscribers;

	private final PostReview review;

	DashboardController(EditorialPosts posts, ModerationQueue comments, SubscriberDirectory subscribers, PostReview review) {
		this.posts = posts;
		this.comments = comments;
		this.subscribers = subscribers;
		this.review = review;
	}

	@GetMapping("/")
	Mono<String> dashboard(Staff staff, Model model) {
		Long onlyMine = staff.isEditor() ? null : staff.id();
		return Mono.zip(posts.counts(), comments.counts(), subscribers.count(),
				posts.list(new EditorialPosts.Filter("draft", null, onlyMine, null), 1, 5),
				posts.list(new EditorialPosts.Filter("scheduled", null, onlyMine, null), 1, 5),
				staff.isEditor() ? review.waiting(20).collectList() : Mono.just(java.util.List.<PostReview.Waiting>of()))
			.map(parts -> {
				model.addAttribute("dashboard", new DashboardView(parts.getT1().drafts(), parts.getT1().scheduled(),
						parts.getT1().published(), parts.getT2().getOrDefault(CommentStatus.PENDING, 0L), parts.getT3(),
						parts.getT4().rows(), parts.getT5().rows(), parts.getT6()));
				return "dashboard";
			});
	}

	record DashboardView(long drafts, long scheduled, long published, long pendingComments, long subscribers,
			java.util.List<EditorialPosts.Row> latestDrafts, java.util.List<EditorialPosts.Row> nextScheduled,
			java.util.List<PostReview.Waiting> waitingForReview) {
	}
}
