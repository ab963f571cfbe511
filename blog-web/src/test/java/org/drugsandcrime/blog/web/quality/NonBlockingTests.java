package org.drugsandcrime.blog.web.quality;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.test.BlogTest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard every web test relies on is armed: a page that blocked an event loop would fail its request. */
@BlogTest
class NonBlockingTests {

	@Test
	void aBlockingCallOnAReactorThreadFails() {
		assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).block()).hasRootCauseInstanceOf(BlockingOperationError.class);
	}
}
