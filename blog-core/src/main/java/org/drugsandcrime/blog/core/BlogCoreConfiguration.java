package org.drugsandcrime.blog.core;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every rule asks for the time; tests replace it to move through time. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
class BlogCoreConfiguration {

	/**
	 * Ticks in microseconds, the precision of PostgreSQL's timestamps: a time read back from the database
	 * must compare equal to the one written, or "published at now" would be rounded into the future.
	 * Tests that move through time declare a {@code @Primary} clock of their own.
	 */
	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
	}
}
