package org.drugsandcrime.blog.admin.security;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /account}. */
enum AccountOutcome implements Outcome {

	PROFILE_SAVED(Notice.success("Profile saved; your posts show it within seconds.")),
	PASSWORD_CHANGED(Notice.success("Password changed; use it next time you sign in.")),
	TWO_FACTOR_ON(Notice.success("Two-factor sign-in is on: sign-ins now ask for a code.")),
	TWO_FACTOR_OFF(Notice.success("Two-factor sign-in is off.")),
	TWO_FACTOR_REPLACED(Notice.success("Two-factor sign-in now uses the new key; codes from the old one no longer work.")),
	TWO_FACTOR_REPLACING(Notice.success("Add the new key to your authenticator app and type its code; until you do, the old one still signs you in.")),
	TWO_FACTOR_REQUIRED(Notice.error("Admins sign in with a code from an authenticator app too: turn on two-factor sign-in to go on.")),
	RECOVERY_CODES_NEW(Notice.success("New recovery codes; the old ones no longer work.")),
	COMMENT_MAIL_ON(Notice.success("You will get an email when a reader's comment waits for moderation.")),
	COMMENT_MAIL_OFF(Notice.success("No more emails about comments waiting for moderation.")),
	OTHER_SESSIONS_ENDED(null) {
		@Override
		public Notice notice(long count) {
			return Notice.success(count == 0 ? "You were signed in nowhere else."
					: "Signed out of " + Notice.count(count, "other session", "other sessions") + ".");
		}
	};

	private final Notice notice;

	AccountOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
