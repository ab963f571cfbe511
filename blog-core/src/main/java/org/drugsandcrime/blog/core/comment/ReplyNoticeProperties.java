package org.drugsandcrime.blog.core.comment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How commenters confirm the address their reply notices go to.
 *
 * @param linkValidFor how long the link in a confirmation mail works
 * @param firstResendWait how long after a confirmation mail another one may go to the same unconfirmed address;
 * each further mail waits twice as long as the one before
 * @param longestResendWait the longest that wait grows to
 */
@ConfigurationProperties("blog.comments.reply-notices")
public record ReplyNoticeProperties(Duration linkValidFor, Duration firstResendWait, Duration longestResendWait) {

	public ReplyNoticeProperties {
		if (linkValidFor == null) {
			linkValidFor = Duration.ofDays(7);
		}
		if (firstResendWait == null) {
			firstResendWait = Duration.ofHours(1);
		}
		if (longestResendWait == null) {
			longestResendWait = Duration.ofDays(7);
		}
		if (linkValidFor.isNegative() || linkValidFor.isZero() || firstResendWait.isNegative()
				|| longestResendWait.compareTo(firstResendWait) < 0) {
			throw new IllegalArgumentException("blog.comments.reply-notices: the link must be valid for some time, and "
					+ "longest-resend-wait be at least first-resend-wait");
		}
	}
}
