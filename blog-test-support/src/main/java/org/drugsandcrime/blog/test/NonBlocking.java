package org.drugsandcrime.blog.test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * BlockHound in the tests of the apps and the feeds: a blocking call on a Netty or Reactor thread (a file read, a
 * sleep, a blocking socket) fails the request that made it, so every test that fetches a page checks it too.
 * Modules turn it on as an {@code ApplicationContextInitializer} and run their tests with
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods}.
 */
public final class NonBlocking implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static boolean installed;

	/** A sleep on a Reactor timer thread: what every module's guard test expects to fail. */
	public static Mono<Long> sleepOnAReactorThread() {
		return Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	/**
	 * Fails the call, and says so on standard error first: the error may be swallowed by the library it is thrown
	 * into (a Netty handler, a connection's decoder), leaving only a request that never answers.
	 */
	private static void caught(BlockingMethod method) {
		BlockingOperationError error = new BlockingOperationError(method);
		StringWriter trace = new StringWriter();
		error.printStackTrace(new PrintWriter(trace));
		System.err.println("blog tests: BlockHound caught a blocking call on " + Thread.currentThread().getName() + ": "
				+ trace);
		throw error;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		synchronized (NonBlocking.class) {
			// Benchmarks that start a context from the test classes measure the code, not the instrumentation.
			if (!installed && !"false".equals(System.getProperty("blog.test.blockhound"))) {
				BlockHound.install(builder -> builder
					// SecureRandom (NativePRNG) draws from /dev/urandom, which never waits once the system has booted:
					// the PostgreSQL driver's SCRAM nonce, UUIDs of new posts, CSRF tokens, multipart boundaries.
					.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes")
					// Netty 4.2's own buffer allocator guards its magazines with a StampedLock held for a few
					// instructions; under contention the event loop parks on it briefly, by Netty's design.
					.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
					.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
					.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate")
					.blockingMethodCallback(NonBlocking::caught));
				installed = true;
			}
		}
	}
}
