package org.drugsandcrime.blog;

import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * blog-feed as blog-web mounts it: blog-core and the feed routes from one scan of {@code org.drugsandcrime.blog},
 * with a clock tests can move (news windows, scheduled posts, the sitemap split).
 */
@SpringBootApplication
class FeedTestApplication {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return MutableClock.startingNow();
	}
}
