package org.drugsandcrime.blog.feed.sitemap;

import org.drugsandcrime.blog.feed.FeedLinks;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The sitemap URLs of SPEC and robots.txt, answering GET and HEAD alike. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SitemapProperties.class)
class SitemapRoutes {

	@Bean
	RouterFunction<ServerResponse> sitemapRouter(SitemapHandler sitemaps) {
		return RouterFunctions.route()
			.route(read(FeedLinks.SITEMAP_INDEX), sitemaps::index)
			.route(read("/sitemaps/{name}"), sitemaps::sitemap)
			.route(read(FeedLinks.NEWS_SITEMAP), sitemaps::news)
			.route(read("/robots.txt"), sitemaps::robots)
			.build();
	}

	private static RequestPredicate read(String pattern) {
		return RequestPredicates.GET(pattern).or(RequestPredicates.HEAD(pattern));
	}
}
