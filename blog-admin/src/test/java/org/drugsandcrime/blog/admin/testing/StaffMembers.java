package org.drugsandcrime.blog.admin.testing;

import java.util.concurrent.atomic.AtomicLong;

import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;

/** Makes staff accounts with known passwords, each with its own address so tests never share one. */
public final class StaffMembers {

	public static final String PASSWORD = "correct horse battery staple";

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private final StaffAccounts accounts;

	StaffMembers(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	public StaffUser create(Role role) {
		long n = sequence.incrementAndGet();
		return accounts.create(role.name().toLowerCase() + n + "@example.org", role.name().charAt(0)
				+ role.name().substring(1).toLowerCase() + " " + n, role, PASSWORD).block().user();
	}
}
