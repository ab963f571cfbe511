package org.drugsandcrime.blog.core.user;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A member of staff who signs in to the admin portal; as an author, shown on posts with bio and handle. */
@Table("users")
public record StaffUser(@Id Long id, String email, String displayName, String slug, String bio, String twitterHandle,
		Role role, String passwordHash, String totpSecret, boolean enabled, Instant createdAt) {

	public StaffUser withPasswordHash(String hash) {
		return new StaffUser(id, email, displayName, slug, bio, twitterHandle, role, hash, totpSecret, enabled, createdAt);
	}

	public StaffUser withRole(Role newRole) {
		return new StaffUser(id, email, displayName, slug, bio, twitterHandle, newRole, passwordHash, totpSecret, enabled,
				createdAt);
	}

	public StaffUser withEnabled(boolean isEnabled) {
		return new StaffUser(id, email, displayName, slug, bio, twitterHandle, role, passwordHash, totpSecret, isEnabled,
				createdAt);
	}

	public StaffUser withTotpSecret(String secret) {
		return new StaffUser(id, email, displayName, slug, bio, twitterHandle, role, passwordHash, secret, enabled,
				createdAt);
	}

	public StaffUser withProfile(String name, String newBio, String handle) {
		return new StaffUser(id, email, name, slug, newBio, handle, role, passwordHash, totpSecret, enabled, createdAt);
	}
}
