package org.drugsandcrime.blog.core.change;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class ScheduledGoingLiveTests {

	@Autowired
	ContentVersion version;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	MutableClock clock;

	@Autowired
	DatabaseClient database;

	@Test
	void aScheduledPostGoingLiveCountsAsAChangeAtItsTime() {
		expectAnnounced("Goes live in a moment");
	}

	@Test
	void aClockSetBackStillSeesThePostsScheduledBeforeWhatItAnnouncedAhead() {
		Instant present = clock.instant();
		clock.advance(Duration.ofDays(2));
		long ahead = expectAnnounced("Announced two days ahead");
		// Back, though past what the other test scheduled 400 ms after the same frozen present.
		clock.set(present.plusSeconds(1));
		try {
			expectAnnounced("Goes live in a moment, back in the present");
		}
		finally {
			// No row of the shared database may stay scheduled in the future of the other classes.
			database.sql("UPDATE posts SET status = 'DRAFT' WHERE id = :id").bind("id", ahead).fetch().rowsUpdated().block();
		}
	}

	/** Schedules a post 400 ms from the clock's time and waits for it to be announced; its id. */
	private long expectAnnounced(String title) {
		Posts posts = new Posts(editing, publishing, users);
		long[] scheduled = new long[1];
		long[] announced = new long[1];
		// The announcement may come before scheduleIn has returned the id (a loaded machine, 400 ms): compare after.
		StepVerifier.create(version.changes().filter(change -> change.kind().equals("scheduled")).next())
			.then(() -> scheduled[0] = posts.draft(title).scheduleIn(clock.instant(), Duration.ofMillis(400)).getId())
			.consumeNextWith(change -> announced[0] = change.id())
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(announced[0]).as("the post announced").isEqualTo(scheduled[0]);
		return scheduled[0];
	}
}
