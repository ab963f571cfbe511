package org.drugsandcrime.blog.core.post;

/**
 * A post's state as staff set it. Readers see a post when it is not a draft and its time has come
 * ({@code published_at <= now}), so a scheduled post goes live at its time without waiting for a job.
 */
public enum PostStatus {

	DRAFT, SCHEDULED, PUBLISHED
}
