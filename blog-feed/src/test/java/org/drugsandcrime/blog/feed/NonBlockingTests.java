package org.drugsandcrime.blog.feed;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard the other feed tests rely on is armed: their requests would fail on a blocking call. */
@FeedTest
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
