package org.drugsandcrime.blog.core.post;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many categories and tags one post may carry, for everyone who saves a post (editors too): a form with tens of
 * thousands of names is refused before a term is looked up. The WordPress import keeps what the old site had.
 *
 * @param maxTags tags one post may have
 * @param maxCategories categories one post may be in
 */
@ConfigurationProperties("blog.posts")
public record PostTermLimits(Integer maxTags, Integer maxCategories) {

	public PostTermLimits {
		if (maxTags == null) {
			maxTags = 20;
		}
		if (maxCategories == null) {
			maxCategories = 10;
		}
		if (maxTags < 1 || maxCategories < 1) {
			throw new IllegalArgumentException("blog.posts.max-tags and blog.posts.max-categories are at least 1");
		}
	}
}
