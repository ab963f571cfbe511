package org.drugsandcrime.blog.admin.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.PostAddresses;
import org.drugsandcrime.blog.admin.layout.PublicSite;
import org.drugsandcrime.blog.admin.publishing.ScheduledPublishing;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.mail.Outbox;
import org.drugsandcrime.blog.core.media.MediaRepository;
import org.drugsandcrime.blog.core.post.CoverImage;
import org.drugsandcrime.blog.core.post.EditorialPosts;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.PendingChange;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostAutosaves;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.post.PostReview;
import org.drugsandcrime.blog.core.post.PostRevisions;
import org.drugsandcrime.blog.core.post.PostStatus;
import org.drugsandcrime.blog.core.render.BodyRenderer;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.taxonomy.Category;
import org.drugsandcrime.blog.core.taxonomy.CategoryRepository;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

/**
 * The posts list and the post editor: save, preview, publish, schedule, unpublish, revisions. Authors see and
 * edit their own posts and cannot publish; editors and admins handle everyone's.
 */
@Controller
class PostsController {

	static final int PAGE_SIZE = 30;

	/** Trashed posts listed at once, newest in the trash first. */
	static final int TRASH_SHOWN = 200;

	/** Images offered for the cover, newest first. */
	static final int COVER_CHOICES = 100;

	private final EditorialPosts listing;

	private final PostRepository posts;

	private final PostEditing editing;

	private final PostPublishing publishing;

	private final PostRevisions revisions;

	private final PostReview review;

	private final CategoryRepository categories;

	private final StaffAccounts accounts;

	private final BodyRenderer renderer;

	private final ScheduledPublishing scheduled;

	private final Audit audit;

	private final PublicSite site;

	private final Clock clock;

	private final MediaRepository media;

	private final Site siteTime;

	private final Outbox outbox;

	private final Trash trash;

	private final PostAutosaves autosaves;

	PostsController(EditorialPosts listing, PostRepository posts, PostEditing editing, PostPublishing publishing,
			PostRevisions revisions, PostReview review, CategoryRepository categories, StaffAccounts accounts, BodyRenderer renderer,
			ScheduledPublishing scheduled, Audit audit, PublicSite site, Clock clock, MediaRepository media,
			Site siteTime, Outbox outbox, Trash trash, PostAutosaves autosaves) {
		this.siteTime = siteTime;
		this.outbox = outbox;
		this.listing = listing;
		this.posts = posts;
		this.editing = editing;
		this.publishing = publishing;
		this.revisions = revisions;
		this.review = review;
		this.categories = categories;
		this.accounts = accounts;
		this.renderer = renderer;
		this.scheduled = scheduled;
		this.audit = audit;
		this.site = site;
		this.clock = clock;
		this.media = media;
		this.trash = trash;
		this.autosaves = autosaves;
	}

	@GetMapping("/posts")
	Mono<String> list(Staff staff, @RequestParam(required = false) String state,
			@RequestParam(required = false) String category, @RequestParam(required = false) Long author,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, ServerWebExchange exchange,
			Model model) {
		Long onlyAuthor = staff.isEditor() ? author : Long.valueOf(staff.id());
		int current = Math.max(1, Math.min(page, 100_000));
		boolean inTrash = "trash".equals(state);
		EditorialPosts.Filter filter = new EditorialPosts.Filter(state, category, onlyAuthor, q);
		Mono<EditorialPosts.Listing> rows = inTrash ? Mono.just(new EditorialPosts.Listing(List.of(), 1, false))
				: listing.list(filter, current, PAGE_SIZE);
		Mono<List<Trash.TrashedPost>> trashed = inTrash ? trash.posts(onlyAuthor, TRASH_SHOWN) : Mono.just(List.of());
		return Mono.zip(rows, categories.findAllByName().collectList(),
				staff.isEditor() ? accounts.all().collectList() : Mono.just(List.<StaffUser>of()), trashed)
			.map(parts -> {
				List<EditorialPosts.Row> shown = parts.getT1().rows();
				model.addAttribute("list", new PostListView(shown, current, parts.getT1().hasNext(),
						state == null ? "" : state, category == null ? "" : category, onlyAuthor,
						q == null ? "" : q, parts.getT2(), parts.getT3().stream()
							.map(user -> new AuthorChoice(user.id(), user.displayName()))
							.toList(), staff.isEditor(),
						// Authors trash their own drafts only; editors anything.
						shown.stream()
							.filter(row -> staff.isEditor() || (row.authorId() == staff.id() && "draft".equals(row.state())))
							.map(EditorialPosts.Row::id)
							.collect(Collectors.toSet()),
						inTrash ? new TrashView(parts.getT4(), staff.isEditor(), parts.getT4().stream()
							.filter(post -> staff.isEditor() || (post.authorId() == staff.id() && post.was() == PostStatus.DRAFT))
							.map(Trash.TrashedPost::id)
							.collect(Collectors.toSet())) : null, staff.isEditor()));
				model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, PostsOutcome.class));
				return "posts";
			});
	}

	@GetMapping("/posts/new")
	Mono<String> create(Staff staff, Model model) {
		return editor(staff, model, EditorView.empty(staff.mayPublish()), null);
	}

	@PostMapping("/posts")
	Mono<String> createSubmitted(Staff staff, @ModelAttribute PostForm form, Model model, ServerWebExchange exchange) {
		return Mono.defer(() -> precheck(staff, form).then(editing.save(form.toDraft(null, staff.id()), staff.id())))
			.flatMap(saved -> audit.record(staff, "post.create", "post", saved.getId(), saved.getTitle()).thenReturn(saved))
			.flatMap(saved -> act(staff, saved, form))
			.map(saved -> afterAction(saved, form))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return editor(staff, model, EditorView.of(null, form, "draft", null, null, staff.mayPublish(), 0),
						Notice.error(ex.getMessage()));
			});
	}

	@GetMapping("/posts/{id}/edit")
	Mono<String> edit(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		return editable(staff, id).flatMap(post -> Mono
			.zip(posts.categoryNamesOf(id).collectList(), posts.tagNamesOf(id).collectList(),
					posts.seriesNameOf(id).defaultIfEmpty(""), revisions.of(id).count(), review.isWaiting(id),
					autosaves.newerThanPost(id).map(Optional::of).defaultIfEmpty(Optional.empty()), siteTime.time(),
					review.pendingChange(id).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.flatMap(parts -> {
				// Text autosaved since the last save comes back into the form, and the page says so. An author
				// goes on from their change waiting for review (the post itself is what readers see); an editor
				// sees the post and is pointed to the change.
				Optional<PostAutosaves.Autosave> restored = parts.getT6();
				Optional<PendingChange> pending = parts.getT8();
				EditorView view = restored
					.map(autosave -> EditorView.of(id, PostForm.of(autosave.fields()), state(post), publicUrl(post),
							post.getPublishedAt(), staff.mayPublish(), parts.getT4()))
					.or(() -> pending.filter(change -> !staff.isEditor())
						.map(change -> EditorView.of(id, PostForm.of(change), state(post), publicUrl(post),
								post.getPublishedAt(), staff.mayPublish(), parts.getT4())))
					.orElseGet(() -> EditorView.of(post, parts.getT1(), parts.getT2(), parts.getT3(), state(post),
							publicUrl(post), staff.mayPublish(), parts.getT4()));
				restored.ifPresent(autosave -> model.addAttribute("restoredAt", parts.getT7().clock(autosave.savedAt())));
				model.addAttribute("pendingChange", pending.map(change -> new PendingChangeNote(change.submittedBy(),
						change.submittedAt())).orElse(null));
				return editor(staff, model, view.waitingForReview(parts.getT5()), Notice.after(exchange, EditorOutcome.class));
			})
			.flatMap(view -> mailChoice(post, model).thenReturn(view)));
	}

	/** For a post waiting for its time, what its going live will do about subscriber mail (chosen when scheduled). */
	private Mono<Void> mailChoice(Post post, Model model) {
		if (!"scheduled".equals(state(post)) || post.getAnnouncedAt() != null) {
			return Mono.empty();
		}
		return publishing.emailsSubscribers(post.getId())
			.doOnNext(email -> model.addAttribute("mailChoice", email
					? "confirmed subscribers will be emailed when it goes live" : "subscribers will not be emailed"))
			.then();
	}

	@PostMapping("/posts/{id}")
	Mono<String> update(Staff staff, @PathVariable long id, @ModelAttribute PostForm form, Model model,
			ServerWebExchange exchange) {
		return editable(staff, id).flatMap(post -> Mono
			.defer(() -> outsideTrash(id).then(precheck(staff, form))
				.then(editing.edit(form.toDraft(id, post.getAuthorId()), staff.id())))
			.flatMap(edit -> autosaves.discard(id).thenReturn(edit))
			.flatMap(edit -> switch (edit.outcome()) {
				// An author's edit of a live post: the post is as it was, so there is nothing to publish or mail.
				case WAITING_FOR_REVIEW -> audit.record(staff, "post.change-submit", "post", id, form.title())
					.thenReturn(EditorOutcome.CHANGES_WAITING.redirectTo(PostAddresses.editor(id)));
				case BACK_TO_REVIEW -> audit.record(staff, "post.save", "post", id, edit.post().getTitle())
					.then(audit.record(staff, "post.submit", "post", id, edit.post().getTitle() + " (was scheduled)"))
					.thenReturn(EditorOutcome.BACK_TO_REVIEW.redirectTo(PostAddresses.editor(id)));
				case SAVED -> audit.record(staff, "post.save", "post", id, edit.post().getTitle())
					.then(act(staff, edit.post(), form))
					.map(saved -> afterAction(saved, form));
			})
			.onErrorResume(InvalidPostException.class, ex -> revisions.of(id).count().flatMap(count -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return editor(staff, model, EditorView.of(id, form, state(post), publicUrl(post), post.getPublishedAt(),
						staff.mayPublish(), count), Notice.error(ex.getMessage()));
			})));
	}

	/** What readers would see, for any state: the stored, rendered post. */
	@GetMapping("/posts/{id}/preview")
	Mono<String> preview(Staff staff, @PathVariable long id, ServerWebExchange exchange, Model model) {
		return editable(staff, id).map(post -> {
			model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, EditorOutcome.class));
			model.addAttribute("preview", new PreviewView(post.getId(), post.getTitle(), post.getBodyHtml(),
					post.getExcerpt(), state(post), post.getPublishedAt()));
			return "post-preview";
		});
	}

	/** The editor's live preview: Markdown in, the same sanitised HTML the site will show out. */
	@PostMapping(path = "/posts/preview", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> livePreview(Staff staff, ServerWebExchange exchange) {
		return exchange.getFormData().map(form -> {
			String markdown = form.getFirst("body");
			if (markdown != null && markdown.length() > PostForm.MAX_BODY_LENGTH) {
				return ResponseEntity.badRequest().body("<p>The body is too long to preview.</p>");
			}
			return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(renderer.render(markdown, null).html());
		});
	}

	@GetMapping("/posts/{id}/revisions")
	Mono<String> revisions(Staff staff, @PathVariable long id, Model model) {
		return editable(staff, id).flatMap(post -> revisions.of(id).collectList().map(list -> {
			model.addAttribute("history", new RevisionsView(post.getId(), post.getTitle(), list));
			return "revisions";
		}));
	}

	@PostMapping("/posts/{id}/revisions/{revisionId}/restore")
	Mono<String> restore(Staff staff, @PathVariable long id, @PathVariable long revisionId) {
		return editable(staff, id).flatMap(post -> revisions.restore(id, revisionId, staff.id()))
			.flatMap(restored -> restored.outcome() == PostEditing.Edit.Outcome.WAITING_FOR_REVIEW
					? audit.record(staff, "post.change-submit", "post", id, "revision " + revisionId)
						.thenReturn(EditorOutcome.CHANGES_WAITING.redirectTo(PostAddresses.editor(id)))
					: audit.record(staff, "post.restore", "post", id, "revision " + revisionId)
						.thenReturn((restored.outcome() == PostEditing.Edit.Outcome.BACK_TO_REVIEW ? EditorOutcome.BACK_TO_REVIEW
								: EditorOutcome.RESTORED).redirectTo(PostAddresses.editor(id))));
	}

	/** Refuses before anything is saved: a publishing action the role does not allow, or an unreadable time. */
	private Mono<Void> precheck(Staff staff, PostForm form) {
		String action = form.action() == null ? "save" : form.action();
		if (action.equals("publish") || action.equals("schedule") || action.equals("unpublish")
				|| action.equals("confirm-publish") || action.equals("confirm-schedule")) {
			staff.require(staff.mayPublish());
		}
		if (!action.equals("schedule") && !action.equals("confirm-schedule")) {
			return Mono.empty();
		}
		return siteTime.time().doOnNext(time -> {
			if (!form.scheduledTime(time).instant().isAfter(clock.instant())) {
				throw new InvalidPostException("A scheduled time must be in the future (times are " + time.zoneName() + ").");
			}
		}).then();
	}

	private Mono<Post> act(Staff staff, Post saved, PostForm form) {
		String action = form.action() == null ? "save" : form.action();
		switch (action) {
			case "publish":
				staff.require(staff.mayPublish());
				return publishing.publish(saved.getId())
					.flatMap(done -> review.clear(done.getId()).thenReturn(done))
					.flatMap(done -> audit.record(staff, "post.publish", "post", done.getId(), done.getTitle())
						.then(scheduled.announceDue())
						.thenReturn(done));
			case "schedule":
				staff.require(staff.mayPublish());
				return siteTime.time().flatMap(time -> {
					Instant at = form.scheduledTime(time).instant();
					return publishing.schedule(saved.getId(), at)
						.flatMap(done -> review.clear(done.getId()).thenReturn(done))
						.flatMap(done -> audit.record(staff, "post.schedule", "post", done.getId(),
								done.getTitle() + " at " + time.wordsWithZone(at)).thenReturn(done));
				});
			case "unpublish":
				staff.require(staff.mayPublish());
				return publishing.unpublish(saved.getId())
					.flatMap(done -> audit.record(staff, "post.unpublish", "post", done.getId(), done.getTitle()).thenReturn(done));
			case "test-mail":
				// Always to the signed-in member of staff: the form names no recipient, and any it sent is ignored.
				return outbox.queueTest(saved.getId(), staff.email())
					.then(audit.record(staff, "post.test-mail", "post", saved.getId(), saved.getTitle() + " to " + staff.email()))
					.thenReturn(saved);
			case "submit":
				return review.request(saved.getId())
					.flatMap(requested -> requested
							? audit.record(staff, "post.submit", "post", saved.getId(), saved.getTitle()).thenReturn(saved)
							: Mono.just(saved));
			default:
				return Mono.just(saved);
		}
	}

	private static String afterAction(Post saved, PostForm form) {
		String action = form.action() == null ? "save" : form.action();
		return switch (action) {
			case "preview" -> EditorOutcome.SAVED.redirectTo("/posts/" + saved.getId() + "/preview");
			case "publish" -> EditorOutcome.PUBLISHED.redirectTo(PostAddresses.editor(saved.getId()));
			case "schedule" -> EditorOutcome.SCHEDULED.redirectTo(PostAddresses.editor(saved.getId()));
			case "unpublish" -> EditorOutcome.UNPUBLISHED.redirectTo(PostAddresses.editor(saved.getId()));
			case "submit" -> EditorOutcome.SUBMITTED.redirectTo(PostAddresses.editor(saved.getId()));
			// Publishing asks first (PublishController): the post is saved, then the question is put.
			case "confirm-publish" -> EditorOutcome.SAVED.redirectTo("/posts/" + saved.getId() + "/publish");
			case "confirm-schedule" -> EditorOutcome.SAVED.redirectTo("/posts/" + saved.getId() + "/publish?at="
					+ UriUtils.encodeQueryParam(form.publishAt().strip(), StandardCharsets.UTF_8));
			case "test-mail" -> EditorOutcome.TEST_MAIL_SENT.redirectTo(PostAddresses.editor(saved.getId()));
			default -> EditorOutcome.SAVED.redirectTo(PostAddresses.editor(saved.getId()));
		};
	}

	/** A trashed post is a draft that remembers what it was: saving or publishing it would confuse the two. */
	private Mono<Void> outsideTrash(long id) {
		return trash.post(id)
			.filter(Trash.PostState::trashed)
			.flatMap(trashed -> Mono.<Void>error(new InvalidPostException("This post is in the trash: restore it to change it.")));
	}

	/** The post, if this member of staff may work on it: 404 when there is none, 403 when it is someone else's. */
	private Mono<Post> editable(Staff staff, long id) {
		return posts.findById(id)
			.switchIfEmpty(Mono.error(new PostNotFoundException(id)))
			.map(post -> {
				staff.require(staff.mayEditPostBy(post.getAuthorId()));
				return post;
			});
	}

	private Mono<String> editor(Staff staff, Model model, EditorView view, Notice notice) {
		// The cover is picked from thumbnails of the library's newest images (served by this portal, so they show
		// wherever the public site is); a cover set to another address stays on offer as it is.
		Mono<List<CoverChoice>> images = media.findNewestFirst().take(COVER_CHOICES)
			.map(image -> new CoverChoice("/media/" + image.fileName(),
					image.altText().isBlank() ? image.originalName() : image.originalName() + ": " + image.altText(), true))
			.collectList()
			.map(choices -> {
				String current = view.coverImage();
				if (current.isBlank() || choices.stream().anyMatch(choice -> choice.path().equals(current))) {
					return choices;
				}
				List<CoverChoice> withCurrent = new ArrayList<>();
				withCurrent.add(new CoverChoice(current, "The current cover: " + current, CoverImage.allowed(current)));
				withCurrent.addAll(choices);
				return withCurrent;
			});
		return Mono.zip(categories.findAllByName().map(Category::name).collectList(), images).map(parts -> {
			model.addAttribute("editor", view);
			model.addAttribute(Notice.ATTRIBUTE, notice);
			model.addAttribute("knownCategories", parts.getT1());
			model.addAttribute("coverChoices", parts.getT2());
			model.addAttribute("autosaveUrl", view.isNew() ? "/posts/autosave" : "/posts/" + view.id() + "/autosave");
			model.addAttribute("mayCreateTerms", staff.isEditor());
			return "post-editor";
		});
	}

	/** Who proposed the change waiting for review of the post open in the editor, and when. */
	record PendingChangeNote(String by, Instant at) {
	}

	/** One image the cover may be; {@code showable} when the portal can show its thumbnail. */
	record CoverChoice(String path, String label, boolean showable) {
	}

	private String state(Post post) {
		return EditorialPosts.stateOf(post.getStatus(), post.getPublishedAt(), clock.instant());
	}

	private String publicUrl(Post post) {
		return site.post(post.getSlug());
	}

	record AuthorChoice(long id, String name) {
	}

	/**
	 * The posts list. {@code trashable}: the rows this member of staff may move to the trash; {@code trash}: the
	 * trash, when it is the state shown; {@code mayBulk}: whether ticked posts may be worked on at once (editors).
	 */
	record PostListView(List<EditorialPosts.Row> rows, int page, boolean hasNext, String state, String category,
			Long author, String q, List<Category> categories, List<AuthorChoice> authors, boolean showAuthors,
			Set<Long> trashable, TrashView trash, boolean mayBulk) {
	}

	/** The trash: {@code mayDelete} (and empty it) for editors; {@code restorable}, the posts this person may restore. */
	record TrashView(List<Trash.TrashedPost> posts, boolean mayDelete, Set<Long> restorable) {
	}

	record PreviewView(long id, String title, String bodyHtml, String excerpt, String state, Instant publishedAt) {
	}

	record RevisionsView(long postId, String title, List<PostRevisions.Revision> revisions) {
	}
}
