package org.drugsandcrime.blog.admin.security;

import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The member of staff behind a request, read fresh from the database on every request so that a changed
 * role or a disabled account counts at once, not at the next sign-in. Every permission is decided here,
 * on the server; views get the answers as booleans.
 */
public record Staff(long id, String email, String displayName, Role role) {

	static Staff of(StaffUser user) {
		return new Staff(user.id(), user.email(), user.displayName(), user.role());
	}

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	/** Editors and admins look after everyone's content and the readers: moderation, taxonomy, pages, subscribers. */
	public boolean isEditor() {
		return role == Role.ADMIN || role == Role.EDITOR;
	}

	public boolean mayEditPostBy(long authorId) {
		return role.mayEditOthersPosts() || authorId == id;
	}

	/** Authors write and submit; an editor or admin decides when it goes out. */
	public boolean mayPublish() {
		return isEditor();
	}

	/** Editors tidy the whole library; authors remove only what they uploaded themselves. */
	public boolean mayDeleteMediaBy(Long uploaderId) {
		return isEditor() || (uploaderId != null && uploaderId == id);
	}

	public Staff requireAdmin() {
		return require(isAdmin());
	}

	public Staff requireEditor() {
		return require(isEditor());
	}

	public Staff require(boolean allowed) {
		if (!allowed) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role does not allow this.");
		}
		return this;
	}
}
