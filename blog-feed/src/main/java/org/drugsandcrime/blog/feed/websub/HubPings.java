package org.drugsandcrime.blog.feed.websub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentVersion;
import org.drugsandcrime.blog.core.feed.ArchiveKind;
import org.drugsandcrime.blog.core.feed.FeedEntries;
import org.drugsandcrime.blog.core.feed.FeedStamp;
import org.drugsandcrime.blog.core.feed.HubPingClaims;
import org.drugsandcrime.blog.core.feed.PostFeeds;
import org.drugsandcrime.blog.feed.FeedLinks;
import org.drugsandcrime.blog.feed.FeedProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tells the WebSub hub which feeds changed, so subscribers hear of a post within seconds instead of at their
 * next poll. Changes arrive from every process through {@link ContentVersion#committedChanges()} (a publish in
 * blog-admin is heard here), once committed, so what is read about them is what readers now see; of several
 * blog-web processes, the one that claims a change in the database pings for it. The ping
 * runs apart from the change itself: a slow or absent hub delays nothing and fails nothing, and each topic is
 * retried with backoff before it is given up (and logged).
 */
@Component
class HubPings implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(HubPings.class);

	static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

	static final int RETRIES = 5;

	static final Duration FIRST_BACKOFF = Duration.ofMillis(300);

	private final ContentVersion versions;

	private final FeedEntries entries;

	private final HubPingClaims claims;

	private final FeedLinks links;

	private final FeedProperties properties;

	private final WebClient client;

	private volatile Disposable listening;

	HubPings(ContentVersion versions, FeedEntries entries, HubPingClaims claims, FeedLinks links,
			FeedProperties properties) {
		this.versions = versions;
		this.entries = entries;
		this.claims = claims;
		this.links = links;
		this.properties = properties;
		this.client = WebClient.create();
	}

	@Override
	public void start() {
		if (!properties.hasHub()) {
			return;
		}
		listening = versions.committedChanges()
			.onBackpressureBuffer(10_000)
			.flatMap(change -> topics(change).onErrorResume(ex -> {
				logger.warn("Could not tell which feeds " + change + " changed: " + ex.getMessage());
				return Mono.empty();
			}), 4)
			.flatMap(topic -> ping(topic), 8)
			.subscribe();
	}

	/** The feeds a change touched, once per change across all processes; none when another process claimed it. */
	Flux<String> topics(ContentChange change) {
		switch (change.kind()) {
			case "post", "scheduled":
				return entries.feedsOf(change.id())
					.flatMap(post -> claims.claimPost("post:" + post.postId() + ":" + post.updatedAt() + ":" + post.visible(),
							post.postId(), topics(post)))
					.flatMapMany(Flux::fromIterable);
			case "comment":
				return entries.commentsStamp(change.id())
					.flatMap(stamp -> claims.claim(stamp.fingerprint()).filter(Boolean::booleanValue))
					.flatMap(claimed -> entries.feedsOf(change.id()))
					.filter(PostFeeds::visible)
					.map(post -> links.commentFeed(post.slug()))
					.flux();
			case "author", "category", "tag", "series":
				// A rename, a new bio or description, a merge or a deletion: the archive's own feed names it in its
				// title, and the main feeds name authors, categories and tags in their entries (series in none).
				// Each is pinged when its content moved to a state no process has pinged for yet.
				return Mono.justOrEmpty(ArchiveKind.ofPath(change.kind()))
					.flatMapMany(kind -> Flux.concat(
							entries.archive(kind, change.id())
								.flatMapMany(archive -> changed("archive:" + kind.path() + ":" + archive.id(),
										entries.stamp(archive, FeedEntries.PER_FEED),
										List.of(links.archiveFeed(kind, archive.slug())))),
							kind == ArchiveKind.SERIES ? Flux.empty()
									: changed("feeds", entries.stamp(null, FeedEntries.PER_FEED), mainFeeds())));
			case "settings":
				return entries.site()
					.flatMap(site -> claims.claim("settings:" + site.updatedAt()).filter(Boolean::booleanValue))
					.flatMapMany(claimed -> Flux.fromIterable(mainFeeds()));
			default:
				return Flux.empty();
		}
	}

	private List<String> topics(PostFeeds post) {
		Set<String> topics = new LinkedHashSet<>(mainFeeds());
		post.categorySlugs().forEach(slug -> topics.add(links.archiveFeed(ArchiveKind.CATEGORY, slug)));
		post.tagSlugs().forEach(slug -> topics.add(links.archiveFeed(ArchiveKind.TAG, slug)));
		topics.add(links.archiveFeed(ArchiveKind.AUTHOR, post.authorSlug()));
		if (post.seriesSlug() != null) {
			topics.add(links.archiveFeed(ArchiveKind.SERIES, post.seriesSlug()));
		}
		topics.add(links.commentFeed(post.slug()));
		return new ArrayList<>(topics);
	}

	/** The topics, when this process is the one to claim the document's new state. */
	private Flux<String> changed(String subject, Mono<FeedStamp> stamp, List<String> topics) {
		return stamp.flatMap(now -> claims.claimState(subject, now.fingerprint()))
			.filter(Boolean::booleanValue)
			.flatMapMany(claimed -> Flux.fromIterable(topics));
	}

	private List<String> mainFeeds() {
		return List.of(links.site(FeedLinks.RSS), links.site(FeedLinks.ATOM), links.site(FeedLinks.JSON));
	}

	/** A WebSub publish notification: {@code hub.mode=publish} and the topic, form-encoded. */
	Mono<Void> ping(String topic) {
		return Mono.defer(() -> client.post()
			.uri(properties.websubHub())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("hub.mode", "publish").with("hub.url", topic))
			.retrieve()
			.toBodilessEntity()
			.timeout(ATTEMPT_TIMEOUT))
			.retryWhen(Retry.backoff(RETRIES, FIRST_BACKOFF).maxBackoff(Duration.ofSeconds(30)))
			.then()
			.onErrorResume(ex -> {
				logger.warn("The WebSub hub " + properties.websubHub() + " did not take the ping for " + topic
						+ " after " + (RETRIES + 1) + " attempts: " + ex.getMessage());
				return Mono.empty();
			});
	}

	@Override
	public void stop() {
		Disposable current = listening;
		if (current != null) {
			current.dispose();
		}
		listening = null;
	}

	@Override
	public boolean isRunning() {
		return listening != null;
	}
}
