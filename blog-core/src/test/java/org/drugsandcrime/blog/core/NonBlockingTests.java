package org.drugsandcrime.blog.core;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.NonBlocking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard every core test relies on is armed: a rule that blocked a database thread would fail. */
@BlogTest
class NonBlockingTests {

	@Test
	void aBlockingCallOnAReactorThreadFails() {
		assertThatThrownBy(() -> NonBlocking.sleepOnAReactorThread().block()).hasRootCauseInstanceOf(BlockingOperationError.class);
	}
}
