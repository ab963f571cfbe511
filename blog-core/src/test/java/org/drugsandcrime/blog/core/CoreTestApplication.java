package org.drugsandcrime.blog.core;

import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** blog-core on its own, as its tests see it: every service, a real database, a clock they can move. */
@SpringBootApplication
class CoreTestApplication {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return MutableClock.startingNow();
	}
}
