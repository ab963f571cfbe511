package org.drugsandcrime.blog.feed;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The feeds as a library: blog-web's component scan finds this package and mounts the routes declared
 * beside it ({@code syndication}, {@code sitemap}) and the hub pings ({@code websub}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FeedProperties.class, PublicAddress.class })
class FeedConfiguration {
}
