package org.drugsandcrime.blog.core.user;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * A password someone else chose (the first admin's, generated or from {@code BLOG_ADMIN_PASSWORD}; one an admin typed
 * for a new account) lets its account sign in once, and the portal then asks for one of the member of staff's own
 * before anything else. The mark is the column {@code users.password_must_change}; choosing a password (at
 * {@code /account}, on the page it sends them to, or through a link by mail) clears it.
 */
@Service
public class ForcedPasswordChange {

	private final DatabaseClient database;

	ForcedPasswordChange(DatabaseClient database) {
		this.database = database;
	}

	/** Marks account {@code userId}: its next sign-in must choose a new password. */
	public Mono<Void> require(long userId) {
		return database.sql("UPDATE users SET password_must_change = true WHERE id = :id")
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Whether the account signed in as {@code email} must still choose its own password. */
	public Mono<Boolean> isDue(String email) {
		return database.sql("SELECT password_must_change FROM users WHERE lower(email) = lower(:email)")
			.bind("email", email)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("password_must_change", Boolean.class)))
			.one()
			.defaultIfEmpty(false);
	}

	/** The account chose its own password (the new hash is saved by the caller). */
	Mono<Void> done(long userId) {
		return database.sql("UPDATE users SET password_must_change = false WHERE id = :id")
			.bind("id", userId)
			.fetch()
			.rowsUpdated()
			.then();
	}
}
