package org.drugsandcrime.blog.core.mail;

/** What a mail in the outbox is for. */
public enum MailKind {

	/** The double opt-in link to a new subscriber. */
	CONFIRMATION,

	/** A new post, to a confirmed subscriber. */
	POST,

	/** An approved reply, to a commenter who asked to hear of replies and confirmed the address. */
	REPLY,

	/**
	 * The link that confirms an address for reply notices, to a commenter who asked for them with an address not
	 * confirmed yet. The row carries the link's token until it is sent.
	 */
	REPLY_CONFIRMATION,

	/** Comments wait for moderation, to a member of staff who asked to be told (one at a time, not one a comment). */
	MODERATION,

	/** A post's subscriber mail, sent as a test to the member of staff who asked for it, and to no one else. */
	TEST,

	/**
	 * A single-use link to choose a new password, to a member of staff who asked for it on the login page. The row
	 * names its link ({@code password_link_id}); the token is drawn as the mail is written and never stored.
	 */
	PASSWORD_RESET,

	/** A single-use link to choose a first password, to someone an admin invited to the staff portal. */
	INVITATION
}
