package org.drugsandcrime.blog.web.quality;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.NonBlocking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard every web test relies on is armed: a page that blocked an event loop would fail its request. */
@BlogTest
class NonBlockingTests {

	@Test
	void aBlockingCallOnAReactorThreadFails() {
		assertThatThrownBy(() -> NonBlocking.sleepOnAReactorThread().block()).hasRootCauseInstanceOf(BlockingOperationError.class);
	}
}
