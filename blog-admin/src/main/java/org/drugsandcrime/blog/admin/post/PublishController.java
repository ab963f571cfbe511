package org.drugsandcrime.blog.admin.post;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.PostAddresses;
import org.drugsandcrime.blog.admin.publishing.ScheduledPublishing;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostReview;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.subscription.SubscriberDirectory;
import org.drugsandcrime.blog.core.time.SiteTime;
import org.drugsandcrime.blog.core.trash.Trash;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * Safe publishing: "Publish now" and "Schedule" in the editor save the post and land here, on a page that says
 * what will happen and how many subscribers would be emailed, and asks. Its form commits, with or without the
 * subscriber mail; the choice is stored with the post, so a scheduled post honours it when it goes live. A plain
 * page with a form, so it works without JavaScript; the GET changes nothing.
 */
@Controller
class PublishController {

	private final PostRepository posts;

	private final PostPublishing publishing;

	private final PostReview review;

	private final ScheduledPublishing scheduled;

	private final SubscriberDirectory subscribers;

	private final Site site;

	private final Audit audit;

	private final Clock clock;

	private final Trash trash;

	PublishController(PostRepository posts, PostPublishing publishing, PostReview review, ScheduledPublishing scheduled,
			SubscriberDirectory subscribers, Site site, Audit audit, Clock clock, Trash trash) {
		this.trash = trash;
		this.posts = posts;
		this.publishing = publishing;
		this.review = review;
		this.scheduled = scheduled;
		this.subscribers = subscribers;
		this.site = site;
		this.audit = audit;
		this.clock = clock;
	}

	/** The question: publish now, or at {@code at} (as typed, in the site's zone), with or without mail. */
	@GetMapping("/posts/{id}/publish")
	Mono<String> confirm(Staff staff, @PathVariable long id, @RequestParam(required = false) String at,
			ServerWebExchange exchange, Model model) {
		staff.require(staff.mayPublish());
		return publishable(staff, id).flatMap(post -> site.time().flatMap(time -> inTrash(id).flatMap(trashed -> {
			if (trashed) {
				return refuse(exchange, model, post, time);
			}
			Notice notice = Notice.after(exchange, EditorOutcome.class);
			Choice choice;
			try {
				choice = choice(time, at);
			}
			catch (InvalidPostException ex) {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				notice = Notice.error(ex.getMessage());
				choice = null;
			}
			return show(model, post, time, choice, notice);
		})));
	}

	@PostMapping("/posts/{id}/publish")
	Mono<String> publish(Staff staff, @PathVariable long id, @ModelAttribute PublishForm form, ServerWebExchange exchange,
			Model model) {
		staff.require(staff.mayPublish());
		return publishable(staff, id).flatMap(post -> site.time().flatMap(time -> inTrash(id).flatMap(trashed -> {
			if (trashed) {
				return refuse(exchange, model, post, time);
			}
			Choice choice;
			Boolean email = form.emailSubscribers();
			try {
				choice = choice(time, form.at());
				if (email == null) {
					throw new InvalidPostException("Choose whether to email the subscribers.");
				}
			}
			catch (InvalidPostException ex) {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return show(model, post, time, null, Notice.error(ex.getMessage()));
			}
			boolean announcedBefore = post.getAnnouncedAt() != null;
			String how = announcedBefore ? "" : email ? " (subscribers emailed)" : " (without emailing subscribers)";
			String editor = PostAddresses.editor(id);
			if (choice.at() != null) {
				Instant at = choice.at();
				return publishing.schedule(id, at, email)
					.flatMap(done -> review.clear(id).thenReturn(done))
					.flatMap(done -> audit.record(staff, "post.schedule", "post", id,
							done.getTitle() + " at " + time.wordsWithZone(at) + how))
					.thenReturn((announcedBefore ? EditorOutcome.SCHEDULED
							: email ? EditorOutcome.SCHEDULED_EMAILING : EditorOutcome.SCHEDULED_QUIETLY).redirectTo(editor));
			}
			return subscribers.count().flatMap(count -> publishing.publish(id, email)
				.flatMap(done -> review.clear(id).thenReturn(done))
				.flatMap(done -> audit.record(staff, "post.publish", "post", id, done.getTitle() + how))
				.then(scheduled.announceDue())
				.thenReturn(announcedBefore ? EditorOutcome.PUBLISHED.redirectTo(editor)
						: email ? EditorOutcome.PUBLISHED_EMAILING.redirectTo(editor, count)
						: EditorOutcome.PUBLISHED_QUIETLY.redirectTo(editor)));
		})));
	}

	/** A trashed post is a draft that remembers what it was: it is restored before anything else happens to it. */
	private Mono<Boolean> inTrash(long id) {
		return trash.post(id).map(Trash.PostState::trashed).defaultIfEmpty(false);
	}

	private Mono<String> refuse(ServerWebExchange exchange, Model model, Post post, SiteTime time) {
		exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
		return show(model, post, time, null, Notice.error("This post is in the trash: restore it to publish it."));
	}

	private Mono<String> show(Model model, Post post, SiteTime time, Choice choice, Notice notice) {
		return subscribers.count().map(count -> {
			model.addAttribute(Notice.ATTRIBUTE, notice);
			model.addAttribute("confirm", new ConfirmView(post.getId(), post.getTitle(), choice != null,
					choice == null ? null : choice.typed(), choice == null || choice.at() == null ? null : time.wordsWithZone(choice.at()),
					time.zoneName(), choice == null ? null : choice.note(), count, post.getAnnouncedAt() != null));
			return "publish-confirm";
		});
	}

	/** Publish now (no time typed), or at a time in the future read in the site's zone. */
	private Choice choice(SiteTime time, String typed) {
		if (typed == null || typed.isBlank()) {
			return new Choice(null, null, null);
		}
		SiteTime.Reading reading = time.read(typed);
		if (!reading.instant().isAfter(clock.instant())) {
			throw new InvalidPostException("A scheduled time must be in the future (times are " + time.zoneName() + ").");
		}
		return new Choice(typed.strip(), reading.instant(), reading.note());
	}

	/** Only staff who may publish, and only posts that exist (404) and that they may edit (403). */
	private Mono<Post> publishable(Staff staff, long id) {
		return posts.findById(id).switchIfEmpty(Mono.error(new PostNotFoundException(id))).map(post -> {
			staff.require(staff.mayEditPostBy(post.getAuthorId()));
			return post;
		});
	}

	private record Choice(String typed, Instant at, String note) {
	}

	/**
	 * The confirmation form: {@code email} is "yes" or "no" (the two buttons), {@code at} the time typed in the
	 * editor, empty to publish now.
	 */
	record PublishForm(String email, String at) {

		Boolean emailSubscribers() {
			return "yes".equals(email) ? Boolean.TRUE : "no".equals(email) ? Boolean.FALSE : null;
		}
	}

	/**
	 * What the confirmation page shows, finished.
	 *
	 * @param valid false when the request could not be understood: the page then offers only the way back
	 * @param at the time as typed, sent back with the answer; null to publish now
	 * @param when that time in words with its zone's short name
	 * @param note what a summer-time gap or overlap did to the typed time, else null
	 * @param subscribers confirmed subscribers now: those who would be emailed
	 * @param announcedBefore the post went live before, and its mail was decided then: nobody is emailed again
	 */
	record ConfirmView(long id, String title, boolean valid, String at, String when, String zone, String note,
			long subscribers, boolean announcedBefore) {

		public boolean isSchedule() {
			return at != null;
		}

		public String subscriberCount() {
			return Notice.count(subscribers, "confirmed subscriber", "confirmed subscribers");
		}
	}
}
