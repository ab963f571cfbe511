package org.drugsandcrime.blog.admin.security;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened before the login page: a refused sign-in (never saying which part was wrong), a sign-out, or a session that ended. */
enum LoginOutcome implements Outcome {

	FAILED(Notice.error("Wrong email, password or code.")),
	THROTTLED(Notice.error("Too many failed sign-ins from here: wait a little and try again.")),
	SIGNED_OUT(Notice.success("You are signed out.")),
	PASSWORD_SET(Notice.success("Your password is set: sign in with it.")),
	SESSION_ENDED(Notice.error("Your session has ended: sign in again."));

	private final Notice notice;

	LoginOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
