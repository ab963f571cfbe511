package org.drugsandcrime.blog.core.post;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class PostAutosavesTests {

	@Autowired
	PostAutosaves autosaves;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	PostRepository repository;

	@Autowired
	PostRevisions revisions;

	@Autowired
	StaffUserRepository users;

	@Autowired
	MutableClock clock;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void anAutosaveOfALivePostLeavesThePostAndItsRevisionsAsTheyWere() {
		Post live = posts.draft("Live post being autosaved").body("What readers see.").publish();
		clock.advance(Duration.ofSeconds(5));
		autosaves.keep(live.getId(), fields("Live post being autosaved", "Half-typed new text"), live.getAuthorId()).block();
		autosaves.keep(live.getId(), fields("Live post being autosaved", "Half-typed new text, more"), live.getAuthorId()).block();

		Post stored = repository.findById(live.getId()).block();
		assertThat(stored.getBodyMarkdown()).isEqualTo("What readers see.");
		assertThat(stored.getBodyHtml()).contains("What readers see.");
		assertThat(revisions.of(live.getId()).collectList().block()).isEmpty();
		assertThat(autosaves.newerThanPost(live.getId()).block().fields().body()).isEqualTo("Half-typed new text, more");
	}

	@Test
	void oneSlotPerPostKeepsOnlyTheLatestText() {
		Post draft = posts.draft("One slot draft").save();
		clock.advance(Duration.ofSeconds(5));
		autosaves.keep(draft.getId(), fields("One slot draft", "first"), draft.getAuthorId()).block();
		clock.advance(Duration.ofSeconds(5));
		Instant second = autosaves.keep(draft.getId(), fields("One slot draft", "second"), draft.getAuthorId()).block();

		PostAutosaves.Autosave kept = autosaves.newerThanPost(draft.getId()).block();
		assertThat(kept.fields().body()).isEqualTo("second");
		assertThat(kept.savedAt()).isEqualTo(second.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		assertThat(kept.savedBy()).isEqualTo(draft.getAuthorId());
	}

	@Test
	void savingThePostAfterwardsMakesTheAutosaveStale() {
		Post draft = posts.draft("Stale autosave draft").save();
		clock.advance(Duration.ofSeconds(5));
		autosaves.keep(draft.getId(), fields("Stale autosave draft", "autosaved"), draft.getAuthorId()).block();
		clock.advance(Duration.ofSeconds(5));
		editing.save(posts.draft("Stale autosave draft").body("saved properly").toDraft(draft.getId()), null).block();

		assertThat(autosaves.newerThanPost(draft.getId()).blockOptional()).isEmpty();
	}

	@Test
	void aDiscardedAutosaveIsGone() {
		Post draft = posts.draft("Discarded autosave draft").save();
		autosaves.keep(draft.getId(), fields("Discarded autosave draft", "throw me away"), draft.getAuthorId()).block();
		autosaves.discard(draft.getId()).block();
		assertThat(autosaves.newerThanPost(draft.getId()).blockOptional()).isEmpty();
	}

	private static PostAutosaves.Fields fields(String title, String body) {
		return new PostAutosaves.Fields(title, "", body, "", "On Probation", "", "", "", false, "", "");
	}
}
