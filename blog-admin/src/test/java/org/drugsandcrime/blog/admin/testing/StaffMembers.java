package org.drugsandcrime.blog.admin.testing;

import java.util.concurrent.atomic.AtomicLong;

import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Makes staff accounts with known passwords, each with its own address so tests never share one. The accounts are as
 * if their owners had chosen the password themselves (no change asked at sign-in), unless a test asks for
 * {@link #createWithGivenPassword}.
 */
public final class StaffMembers {

	public static final String PASSWORD = "correct horse battery staple";

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private final StaffAccounts accounts;

	private final DatabaseClient database;

	StaffMembers(StaffAccounts accounts, DatabaseClient database) {
		this.accounts = accounts;
		this.database = database;
	}

	public StaffUser create(Role role) {
		StaffUser user = createWithGivenPassword(role);
		database.sql("UPDATE users SET password_must_change = false WHERE id = :id").bind("id", user.id()).fetch()
			.rowsUpdated().block();
		return user;
	}

	/** An account an admin made with {@link #PASSWORD}: its first sign-in must choose another. */
	public StaffUser createWithGivenPassword(Role role) {
		long n = sequence.incrementAndGet();
		return accounts.create(role.name().toLowerCase() + n + "@example.org", role.name().charAt(0)
				+ role.name().substring(1).toLowerCase() + " " + n, role, PASSWORD).block().user();
	}
}
