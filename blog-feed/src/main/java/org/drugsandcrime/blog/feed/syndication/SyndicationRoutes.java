package org.drugsandcrime.blog.feed.syndication;

import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The feed URLs of SPEC, answering GET and HEAD alike. */
@Configuration(proxyBeanMethods = false)
class SyndicationRoutes {

	@Bean
	RouterFunction<ServerResponse> syndicationRouter(SyndicationHandler feeds) {
		RouterFunctions.Builder routes = RouterFunctions.route()
			.route(read(FeedLinks.RSS), feeds::rss)
			.route(read(FeedLinks.ATOM), feeds::atom)
			.route(read(FeedLinks.JSON), feeds::json)
			.route(read("/posts/{slug}/comments/feed"), feeds::comments)
			.route(read(FeedLinks.COMMENTS), feeds::siteComments);
		for (ArchiveKind kind : ArchiveKind.values()) {
			routes.route(read("/" + kind.path() + "/{slug}/feed"), request -> feeds.archiveRss(request, kind));
		}
		return routes.build();
	}

	static RequestPredicate read(String pattern) {
		return RequestPredicates.GET(pattern).or(RequestPredicates.HEAD(pattern));
	}
}
