package org.drugsandcrime.blog;

import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** blog-wordpress as the portal and the command line use it: blog-core and the import and export, with a clock tests can move. */
@SpringBootApplication
class WordPressTestApplication {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return MutableClock.startingNow();
	}
}
