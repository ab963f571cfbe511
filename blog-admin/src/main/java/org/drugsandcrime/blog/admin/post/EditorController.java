package org.drugsandcrime.blog.admin.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.PostAddresses;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostAutosaves;
import org.drugsandcrime.blog.core.post.PostDraft;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.taxonomy.Taxonomy;
import org.drugsandcrime.blog.core.trash.Trash;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What the editor's script asks for while staff write: autosave (one slot per post, the post itself untouched;
 * a new post becomes a draft at its first autosave) and suggestions of existing categories, tags and series.
 * The same role rules as the editor's form: a post is autosaved only by those who may edit it.
 */
@Controller
class EditorController {

	static final int SUGGESTIONS = 20;

	/** What a new post is called until staff give it a title: a post needs one, the writing must not wait for it. */
	static final String UNTITLED = "Untitled draft";

	private static final Map<String, Taxonomy.Kind> KINDS = Map.of("category", Taxonomy.Kind.CATEGORY, "tag",
			Taxonomy.Kind.TAG, "series", Taxonomy.Kind.SERIES);

	private final PostRepository posts;

	private final PostEditing editing;

	private final PostAutosaves autosaves;

	private final Taxonomy taxonomy;

	private final Audit audit;

	private final Site site;

	private final Trash trash;

	EditorController(PostRepository posts, PostEditing editing, PostAutosaves autosaves, Taxonomy taxonomy, Audit audit,
			Site site, Trash trash) {
		this.site = site;
		this.trash = trash;
		this.posts = posts;
		this.editing = editing;
		this.autosaves = autosaves;
		this.taxonomy = taxonomy;
		this.audit = audit;
	}

	/** The first autosave of a new post: it becomes a draft (title and body), and the slot keeps every field. */
	@PostMapping(path = "/posts/autosave", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Mono<ResponseEntity<Object>> autosaveNew(Staff staff, @ModelAttribute PostForm form) {
		if (tooLong(form)) {
			return Mono.just(tooLongAnswer());
		}
		String title = form.title() == null || form.title().isBlank() ? UNTITLED : form.title();
		PostDraft draft = new PostDraft(null, title, null, form.body(), null, List.of(), List.of(), null, null, false, null,
				null, staff.id());
		return editing.save(draft, staff.id())
			.flatMap(created -> audit.record(staff, "post.create", "post", created.getId(), created.getTitle())
				.then(autosaves.keep(created.getId(), fields(form), staff.id()))
				.flatMap(at -> saved(created.getId(), at))
				.map(saved -> ResponseEntity.status(HttpStatus.CREATED).<Object>body(saved)))
			.onErrorResume(InvalidPostException.class,
					ex -> Mono.just(ResponseEntity.badRequest().body(new Refused(ex.getMessage() + " It was not autosaved."))));
	}

	@PostMapping(path = "/posts/{id}/autosave", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Mono<ResponseEntity<Object>> autosave(Staff staff, @PathVariable long id, @ModelAttribute PostForm form) {
		if (tooLong(form)) {
			return Mono.just(tooLongAnswer());
		}
		return editable(staff, id).flatMap(post -> trash.post(id))
			.flatMap(state -> state.trashed()
					? Mono.just(ResponseEntity.status(HttpStatus.CONFLICT)
						.<Object>body(new Refused("This post is in the trash: restore it to change it.")))
					: autosaves.keep(id, fields(form), staff.id())
						.flatMap(at -> saved(id, at))
						.map(saved -> ResponseEntity.ok().<Object>body(saved)));
	}

	/** Throws the autosaved text away: the editor shows the post as last saved. */
	@PostMapping("/posts/{id}/autosave/discard")
	Mono<String> discard(Staff staff, @PathVariable long id) {
		return editable(staff, id).flatMap(post -> autosaves.discard(id)).thenReturn(EditorOutcome.AUTOSAVE_DISCARDED.redirectTo(PostAddresses.editor(id)));
	}

	/**
	 * Existing categories, tags or series whose name contains what was typed, those starting with it first; whether
	 * the typed name is one of them; and whether this member of staff may create a new one (the save enforces it).
	 */
	@GetMapping(path = "/posts/terms", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Mono<ResponseEntity<Object>> terms(Staff staff, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String q) {
		Taxonomy.Kind terms = kind == null ? null : KINDS.get(kind);
		if (terms == null) {
			return Mono.just(ResponseEntity.badRequest().body(new Refused("Ask for kind=category, tag or series.")));
		}
		String typed = q == null ? "" : q.strip();
		if (typed.length() > 200) {
			return Mono.just(ResponseEntity.badRequest().body(new Refused("That name is too long.")));
		}
		Mono<Boolean> exists = typed.isEmpty() ? Mono.just(false)
				: taxonomy.unknown(terms, List.of(typed)).hasElements().map(unknown -> !unknown);
		return Mono.zip(taxonomy.suggestions(terms, typed, SUGGESTIONS).collectList(), exists)
			.map(found -> ResponseEntity.ok().<Object>body(new Terms(found.getT1(), found.getT2(), staff.isEditor())));
	}

	private Mono<Post> editable(Staff staff, long id) {
		return posts.findById(id).switchIfEmpty(Mono.error(new PostNotFoundException(id))).map(post -> {
			staff.require(staff.mayEditPostBy(post.getAuthorId()));
			return post;
		});
	}

	private static boolean tooLong(PostForm form) {
		return form.body() != null && form.body().length() > PostForm.MAX_BODY_LENGTH;
	}

	private static ResponseEntity<Object> tooLongAnswer() {
		return ResponseEntity.badRequest()
			.body(new Refused("The body is longer than " + PostForm.MAX_BODY_LENGTH + " characters: it was not autosaved."));
	}

	static PostAutosaves.Fields fields(PostForm form) {
		return new PostAutosaves.Fields(form.title(), form.slug(), form.body(), form.excerpt(), form.categories(),
				form.tags(), form.series(), form.seriesPosition(), "on".equals(form.featured()) || "true".equals(form.featured()),
				form.coverImage(), form.seoDescription());
	}

	/** "22:31" in the site's time zone, as "Saved at 22:31" beside the buttons says it. */
	private Mono<Saved> saved(long id, Instant at) {
		return site.time().map(time -> new Saved(id, time.clock(at), time.iso(at), PostAddresses.editor(id), "/posts/" + id,
				"/posts/" + id + "/autosave"));
	}

	/** Where the post now lives, for a page that started as "New post", and when it was kept. */
	record Saved(long id, String savedAt, String savedAtInstant, String editUrl, String saveUrl, String autosaveUrl) {
	}

	record Terms(List<String> terms, boolean exists, boolean mayCreate) {
	}

	record Refused(String error) {
	}
}
