package org.drugsandcrime.blog.test;

import java.time.Instant;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Sets the context's {@link MutableClock} to the present before and after each test class. Contexts are cached and
 * shared, and each has its own clock, which stands still unless a test moves it. Without this, a class that moved
 * the clock two days ahead and forgot to return left every later class in the future; and rows written by a class
 * whose context's clock stood at its start-up came out older than rows written minutes earlier through another
 * context, so "the most recent" lists put a new row last. Starting every class at the present keeps the rows of
 * a run in the order they were written, whatever the (random, on purpose) order of the classes.
 */
public final class ClockBackToNow implements BeforeAllCallback, AfterAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		toThePresent(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		toThePresent(context);
	}

	private static void toThePresent(ExtensionContext context) {
		try {
			SpringExtension.getApplicationContext(context).getBeanProvider(MutableClock.class)
				.ifAvailable(clock -> clock.set(Instant.now()));
		}
		catch (IllegalStateException contextNotLoaded) {
			// The class's context failed to load: Spring reports that failure for the class itself.
		}
	}
}
