package org.drugsandcrime.blog.admin.layout;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.test.NonBlocking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard every portal test relies on is armed: a screen that blocked an event loop would fail its request. */
@PortalTest
class NonBlockingTests {

	@Test
	void aBlockingCallOnAReactorThreadFails() {
		assertThatThrownBy(() -> NonBlocking.sleepOnAReactorThread().block()).hasRootCauseInstanceOf(BlockingOperationError.class);
	}
}
