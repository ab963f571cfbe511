package org.drugsandcrime.blog.core.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an empty database is filled with at start: nothing unless asked, since the demo brings an admin account with a
 * generated password that a deployed site must not grow by itself ({@code ./run} asks).
 *
 * @param content load the demo posts, authors and comments into an empty database ({@code BLOG_DEMO_CONTENT}, false
 * by default)
 * @param generatePosts instead of the demo, generate this many posts with about 3 comments each, the
 * benchmarks' data set ({@code BLOG_GENERATE_POSTS}); 0 for none
 */
@ConfigurationProperties("blog.demo")
public record DemoProperties(boolean content, int generatePosts) {
}
