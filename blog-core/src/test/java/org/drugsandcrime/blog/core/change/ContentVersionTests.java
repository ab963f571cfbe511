package org.drugsandcrime.blog.core.change;


import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class ContentVersionTests {

	@Autowired
	ContentChanges announcer;

	@Autowired
	ContentVersion version;

	@Test
	void anAnnouncedChangeArrivesThroughPostgresNotifications() {
		StepVerifier.create(version.changes().filter(change -> change.kind().equals("post") && change.id() == 4711).next())
			.then(() -> announcer.announce(new ContentChange("post", 4711)).block())
			.expectNext(new ContentChange("post", 4711))
			.verifyComplete();
	}

	@Test
	void theVersionMovesWithEveryChange() {
		long before = version.current();
		StepVerifier.create(version.changes().filter(change -> change.id() == 99).next())
			.then(() -> announcer.announce(new ContentChange("settings", 99)).block())
			.expectNextCount(1)
			.verifyComplete();
		assertThat(version.current()).isGreaterThan(before);
	}

	@Test
	void listeningStartsWithTheApplication() {
		assertThat(version.isRunning()).isTrue();
	}
}
