package org.drugsandcrime.blog.web.views;

import java.time.Clock;

import org.drugsandcrime.blog.core.stats.PostViewCounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Post view counting; with {@code blog.web.views.enabled=false} none of it exists, not even the filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ViewCountingProperties.class)
@ConditionalOnBooleanProperty(name = "blog.web.views.enabled", matchIfMissing = true)
class ViewCountingConfiguration {

	@Bean
	ViewTally viewTally(PostViewCounts store, Clock clock) {
		return new ViewTally(store, clock);
	}

	@Bean
	PostViewCounter postViewCounter(ViewTally tally) {
		return new PostViewCounter(tally);
	}

	@Bean
	ViewFlushing viewFlushing(ViewTally tally, ViewCountingProperties properties) {
		return new ViewFlushing(tally, properties.flushInterval());
	}
}
