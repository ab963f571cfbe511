package org.drugsandcrime.blog.core.change;

import java.time.Duration;

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

	@Test
	void aScheduledPostGoingLiveCountsAsAChangeAtItsTime() {
		Posts posts = new Posts(editing, publishing, users);
		StepVerifier.create(version.changes().filter(change -> change.kind().equals("scheduled")).next())
			.then(() -> posts.draft("Goes live in a moment").scheduleIn(clock.instant(), Duration.ofMillis(400)))
			.expectNextMatches(change -> change.id() > 0)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}
}
