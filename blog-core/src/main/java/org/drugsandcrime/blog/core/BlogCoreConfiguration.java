package org.drugsandcrime.blog.core;

import java.time.Clock;

import org.drugsandcrime.blog.core.time.MicrosecondClock;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every rule asks for the time; tests replace it to move through time. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
class BlogCoreConfiguration {

	/** Tests that move through time declare a {@code @Primary} clock of their own. */
	@Bean
	Clock clock() {
		return new MicrosecondClock(Clock.systemUTC());
	}
}
