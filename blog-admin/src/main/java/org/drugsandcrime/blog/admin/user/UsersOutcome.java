package org.drugsandcrime.blog.admin.user;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;

/** What can have happened on {@code /users}. */
enum UsersOutcome implements Outcome {

	CREATED(Notice.success("Account created; it can sign in now, and chooses its own password at the first sign-in.")),
	INVITED(Notice.success("Invitation sent: a mail with a link to choose a password is on its way.")),
	ROLE_CHANGED(Notice.success("Role changed; it counts at once.")),
	DISABLED(Notice.success("Account disabled; it can no longer sign in.")),
	ENABLED(Notice.success("Account enabled; it can sign in again."));

	private final Notice notice;

	UsersOutcome(Notice notice) {
		this.notice = notice;
	}

	@Override
	public Notice notice(long count) {
		return notice;
	}
}
