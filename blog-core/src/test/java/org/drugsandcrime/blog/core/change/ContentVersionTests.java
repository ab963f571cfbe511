package org.drugsandcrime.blog.core.change;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class ContentVersionTests {

	@Autowired
	ContentChanges announcer;

	@Autowired
	ContentVersion version;

	@Autowired
	TransactionalOperator transaction;

	@Test
	void anAnnouncedChangeArrivesThroughPostgresNotifications() {
		// The committed stream: the local announcement goes only to changes(), so only the notification can arrive here.
		StepVerifier.create(version.committedChanges().filter(change -> change.kind().equals("post") && change.id() == 4711).next())
			.then(() -> announcer.announce(new ContentChange("post", 4711)).block())
			.expectNext(new ContentChange("post", 4711))
			.verifyComplete();
	}

	@Test
	void aChangeAnnouncedInATransactionIsCommittedForThoseWhoReadTheDatabaseOnlyAtCommit() {
		List<ContentChange> committed = new CopyOnWriteArrayList<>();
		List<ContentChange> any = new CopyOnWriteArrayList<>();
		Disposable listening = Disposables.composite(
				version.committedChanges().filter(change -> change.id() == 4712).subscribe(committed::add),
				version.changes().filter(change -> change.id() == 4712).subscribe(any::add));
		try {
			announcer.announce(new ContentChange("post", 4712))
				.then(Mono.delay(Duration.ofMillis(300)))
				.then(Mono.fromRunnable(() -> {
					assertThat(any).as("caches forget at once").isNotEmpty();
					assertThat(committed).as("nothing committed yet").isEmpty();
				}))
				.as(transaction::transactional)
				.block();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> committed.size() == 1);
		}
		finally {
			listening.dispose();
		}
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
