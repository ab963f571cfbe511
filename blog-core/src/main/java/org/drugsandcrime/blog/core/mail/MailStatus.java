package org.drugsandcrime.blog.core.mail;

/** Where a mail in the outbox stands. Only SENT means the SMTP server accepted it. */
public enum MailStatus {

	/** Waiting for its time (a first try, or a retry after a deferral). */
	PENDING,

	/** Claimed by a sender's batch; back to PENDING if that sender stops or dies before finishing. */
	SENDING,

	SENT,

	/** Refused for good, or out of tries; staff can resend it. */
	FAILED,

	/** No longer wanted when its turn came (the reader unsubscribed, the post was taken down). */
	SKIPPED
}
