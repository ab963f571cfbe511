package org.drugsandcrime.blog.web.cache;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The render limit runs on the blog's own clock, which ticks in microseconds: a clock the JDK cannot give
 * {@code millis()} for (it divides by the tick in whole milliseconds), so the limit must not ask it that.
 */
@BlogTest
class RenderLimitClockTests {

	@Autowired
	Clock clock;

	@Test
	void theLimitCountsWithTheBlogsOwnClock() {
		RenderLimit limit = new RenderLimit(new RenderLimitProperties(1), clock);
		assertThatCode(() -> limit.count("192.0.2.9")).doesNotThrowAnyException();
		assertThatThrownBy(() -> limit.count("192.0.2.9")).isInstanceOf(RenderLimit.TooManyRenders.class);
	}
}
