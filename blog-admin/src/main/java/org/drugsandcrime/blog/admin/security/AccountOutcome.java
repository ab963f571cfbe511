package org.drugsandcrime.blog.admin.security;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /account}. */
enum AccountOutcome implements Outcome {

	PROFILE_SAVED(Notice.success("Profile saved; your posts show it within seconds.")),
	PASSWORD_CHANGED(Notice.success("Password changed; use it next time you sign in.")),
	TWO_FACTOR_ON(Notice.success("Two-factor sign-in is on: sign-ins now ask for a code.")),
	TWO_FACTOR_OFF(Notice.success("Two-factor sign-in is off.")),
	COMMENT_MAIL_ON(Notice.success("You will get an email when a reader's comment waits for moderation.")),
	COMMENT_MAIL_OFF(Notice.success("No more emails about comments waiting for moderation."));

	private final Notice notice;

	AccountOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
