package org.drugsandcrime.blog.web.views;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Counting readers' views of posts ({@code blog.web.views.*}).
 *
 * @param enabled whether post views are counted at all
 * @param flushInterval how often the views counted in memory are added to the database (and once more at shutdown):
 * longer means fewer writes, and more views lost if the process dies without shutting down
 */
@ConfigurationProperties("blog.web.views")
record ViewCountingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration flushInterval) {
}
