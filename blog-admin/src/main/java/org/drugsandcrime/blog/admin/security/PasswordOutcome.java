package org.drugsandcrime.blog.admin.security;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /password/forgot}: the same words whether or not an account has the address. */
enum PasswordOutcome implements Outcome {

	SENT(Notice.success("If a staff account has that address, a mail with a link to choose a new password is on its way."));

	private final Notice notice;

	PasswordOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
