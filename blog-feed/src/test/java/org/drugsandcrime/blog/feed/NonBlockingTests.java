package org.drugsandcrime.blog.feed;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

import org.drugsandcrime.blog.test.NonBlocking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard the other feed tests rely on is armed: their requests would fail on a blocking call. */
@FeedTest
class NonBlockingTests {

	@Test
	void aBlockingCallOnAReactorThreadFails() {
		assertThatThrownBy(() -> NonBlocking.sleepOnAReactorThread().block()).hasRootCauseInstanceOf(BlockingOperationError.class);
	}
}
