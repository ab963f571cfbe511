package org.drugsandcrime.blog.core.user;

/** What a member of staff may do: ADMIN everything, EDITOR all content and readers, AUTHOR their own posts. */
public enum Role {

	ADMIN, EDITOR, AUTHOR;

	public boolean mayEditOthersPosts() {
		return this != AUTHOR;
	}
}
