package org.drugsandcrime.blog.test;

import reactor.blockhound.BlockHound;

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

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		synchronized (NonBlocking.class) {
			if (!installed) {
				BlockHound.install(builder -> builder
					// Both read /dev/urandom, which never waits, on the thread a database answer arrives on: the
					// PostgreSQL driver's SCRAM login nonce, and the guid of a new post (UUID.randomUUID).
					.allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce")
					.allowBlockingCallsInside("org.drugsandcrime.blog.core.post.PostEditing", "newPost")
					// Netty 4.2's own buffer allocator guards its magazines with a StampedLock held for a few
					// instructions; under contention the event loop parks on it briefly, by Netty's design.
					.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
					.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
					.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate"));
				installed = true;
			}
		}
	}
}
