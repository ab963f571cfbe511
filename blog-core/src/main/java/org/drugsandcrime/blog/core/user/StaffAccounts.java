package org.drugsandcrime.blog.core.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.render.Slugs;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Staff accounts as admins manage them: created with a password of the admin's choosing or invited with
 * a one-time password to hand over, given another role, disabled. The blog always keeps one enabled admin.
 * Each member of staff keeps their own public profile (shown with their posts) and password.
 */
@Service
public class StaffAccounts {

	public static final int MIN_PASSWORD_LENGTH = 12;

	/** Long enough for any passphrase; Argon2 hashes whatever it is given, so this bounds the work. */
	public static final int MAX_PASSWORD_LENGTH = 256;

	public static final int MAX_BIO_LENGTH = 2000;

	private static final String DISPLAY_NAME_RULE = "A name of at most 100 characters is needed.";

	/** Twitter's (X's) own rule for a user name. */
	private static final java.util.regex.Pattern TWITTER_HANDLE = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,15}");

	private final StaffUserRepository users;

	private final DatabaseClient database;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final ContentChanges changes;

	StaffAccounts(StaffUserRepository users, DatabaseClient database, Clock clock, ContentChanges changes) {
		this.users = users;
		this.database = database;
		this.clock = clock;
		this.changes = changes;
	}

	public Flux<StaffUser> all() {
		return database.sql("SELECT * FROM users ORDER BY lower(display_name), id")
			.map((row, meta) -> new StaffUser(row.get("id", Long.class), row.get("email", String.class),
					row.get("display_name", String.class), row.get("slug", String.class), row.get("bio", String.class),
					row.get("twitter_handle", String.class), Role.valueOf(row.get("role", String.class)),
					row.get("password_hash", String.class), row.get("totp_secret", String.class),
					Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("created_at", java.time.Instant.class)))
			.all();
	}

	/**
	 * A new account. With a blank {@code password} it is an invitation: a random one-time password is made
	 * and returned for the admin to hand over.
	 */
	public Mono<Created> create(String email, String displayName, Role role, String password) {
		String cleanEmail = email == null ? "" : email.strip();
		String name = displayName == null ? "" : displayName.strip();
		if (!cleanEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || cleanEmail.length() > 254) {
			return Mono.error(new InvalidPostException("That is not an email address."));
		}
		if (!isDisplayName(name)) {
			return Mono.error(new InvalidPostException(DISPLAY_NAME_RULE));
		}
		if (role == null) {
			return Mono.error(new InvalidPostException("Choose a role."));
		}
		boolean invited = password == null || password.isBlank();
		if (!invited && password.length() < MIN_PASSWORD_LENGTH) {
			return Mono.error(new InvalidPostException("Passwords are at least " + MIN_PASSWORD_LENGTH + " characters."));
		}
		String chosen = invited ? randomPassword() : password;
		return users.findByEmail(cleanEmail)
			.flatMap(existing -> Mono.<Created>error(new InvalidPostException("There is already an account for " + cleanEmail + ".")))
			.switchIfEmpty(Mono.defer(() -> Mono.fromCallable(() -> PasswordHashing.encoder().encode(chosen))
				.subscribeOn(Schedulers.boundedElastic())
				.zipWith(uniqueSlug(Slugs.fromTitle(name, "staff")))
				.flatMap(hashAndSlug -> users.save(new StaffUser(null, cleanEmail, name, hashAndSlug.getT2(), "", null, role,
						hashAndSlug.getT1(), null, true, clock.instant()))
				.map(user -> new Created(user, invited ? chosen : null)))));
	}

	/**
	 * Invites an account that has never had a password, such as a writer brought over from WordPress: it gets a random
	 * one-time password for the admin to hand over, and may sign in from now on. An account that has a password keeps it
	 * (its owner changes it at {@code /account}); inviting it again would hand a working password to the admin.
	 */
	public Mono<Created> invite(long id) {
		String chosen = randomPassword();
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> user.passwordHash() != null
					? Mono.<Created>error(new InvalidPostException(user.email() + " already has a password; they sign in with it."))
					: Mono.fromCallable(() -> PasswordHashing.encoder().encode(chosen))
						.subscribeOn(Schedulers.boundedElastic())
						.flatMap(hash -> users.save(user.withPasswordHash(hash).withEnabled(true)))
						.map(invited -> new Created(invited, chosen)));
	}

	public Mono<StaffUser> changeRole(long id, Role role) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> user.role() == Role.ADMIN && role != Role.ADMIN
					? keepsAnAdmin(id).then(users.save(user.withRole(role))) : users.save(user.withRole(role)));
	}

	public Mono<StaffUser> setEnabled(long id, boolean enabled) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> !enabled && user.role() == Role.ADMIN ? keepsAnAdmin(id).then(users.save(user.withEnabled(false)))
					: users.save(user.withEnabled(enabled)));
	}

	public Mono<StaffUser> setTotpSecret(long id, String secret) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> users.save(user.withTotpSecret(secret)));
	}

	/**
	 * The name, bio and Twitter handle readers see with this person's posts. The bio is plain text (shown with
	 * its paragraphs, addresses made links); the handle may be typed with its {@code @} or as a profile address.
	 */
	public Mono<StaffUser> updateProfile(long id, String displayName, String bio, String twitterHandle) {
		String name = displayName == null ? "" : displayName.strip();
		String text = bio == null ? "" : bio.strip().replace("\r\n", "\n");
		String handle = twitterHandle == null ? "" : twitterHandle.strip()
			.replaceFirst("^(?i)(https?://)?(www\\.)?(twitter|x)\\.com/", "")
			.replaceFirst("^@", "")
			.replaceFirst("/$", "");
		if (!isDisplayName(name)) {
			return Mono.error(new InvalidPostException(DISPLAY_NAME_RULE));
		}
		if (text.length() > MAX_BIO_LENGTH) {
			return Mono.error(new InvalidPostException("The bio can be at most " + MAX_BIO_LENGTH + " characters."));
		}
		if (!handle.isEmpty() && !TWITTER_HANDLE.matcher(handle).matches()) {
			return Mono.error(new InvalidPostException(
					"A Twitter (X) handle is up to 15 letters, digits or underscores, such as @drugscrime."));
		}
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> users.save(user.withProfile(name, text, handle.isEmpty() ? null : handle)))
			// Posts, archives and feeds show the name and bio: every process drops what it rendered with the old.
			.flatMap(saved -> changes.announce(new ContentChange("author", saved.id())).thenReturn(saved));
	}

	/** A new password for the account, given its current one; hashing and checking run off the event loop. */
	public Mono<StaffUser> changePassword(long id, String current, String next) {
		if (next == null || next.length() < MIN_PASSWORD_LENGTH) {
			return Mono.error(new InvalidPostException("Passwords are at least " + MIN_PASSWORD_LENGTH + " characters."));
		}
		if (next.length() > MAX_PASSWORD_LENGTH) {
			return Mono.error(new InvalidPostException("Passwords are at most " + MAX_PASSWORD_LENGTH + " characters."));
		}
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> Mono.fromCallable(() -> {
				if (current == null || current.length() > MAX_PASSWORD_LENGTH || user.passwordHash() == null
						|| !PasswordHashing.encoder().matches(current, user.passwordHash())) {
					throw new WrongPasswordException();
				}
				if (next.equalsIgnoreCase(user.email())) {
					throw new InvalidPostException("Choose a password that is not your email address.");
				}
				return PasswordHashing.encoder().encode(next);
			}).subscribeOn(Schedulers.boundedElastic()).flatMap(hash -> users.save(user.withPasswordHash(hash))));
	}

	/**
	 * Completes when {@code password} is the account's, else fails with {@link WrongPasswordException}; for actions
	 * that ask for the password again (changing two-factor sign-in). Checked off the event loop.
	 */
	public Mono<Void> confirmPassword(long id, String password) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> Mono.fromCallable(() -> password != null && password.length() <= MAX_PASSWORD_LENGTH
					&& user.passwordHash() != null && PasswordHashing.encoder().matches(password, user.passwordHash()))
				.subscribeOn(Schedulers.boundedElastic()))
			.flatMap(right -> right ? Mono.<Void>empty() : Mono.error(new WrongPasswordException()));
	}

	/** Whether this member of staff asked to be mailed when a reader's comment waits for moderation. */
	public Mono<Boolean> mailsWhenCommentsWait(long id) {
		return database.sql("SELECT notify_pending_comments FROM users WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("notify_pending_comments", Boolean.class)))
			.one()
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)));
	}

	/**
	 * Turns the "comments waiting" mail on or off. Only editors and admins moderate, so only they may turn it on:
	 * for an author this refuses with {@link InvalidPostException} (anyone may turn it off).
	 */
	public Mono<Void> mailWhenCommentsWait(long id, boolean on) {
		return database.sql("""
				UPDATE users SET notify_pending_comments = :on
				WHERE id = :id AND (NOT :on OR role IN ('EDITOR', 'ADMIN')) RETURNING id
				""")
			.bind("on", on)
			.bind("id", id)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.switchIfEmpty(users.findById(id)
				.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
				.flatMap(user -> Mono.error(new InvalidPostException("Only editors and admins moderate comments."))))
			.then();
	}

	/** The name readers see on posts and staff see in the portal: something, and not a paragraph. */
	private static boolean isDisplayName(String stripped) {
		return !stripped.isEmpty() && stripped.length() <= 100;
	}

	private Mono<Void> keepsAnAdmin(long leaving) {
		return database.sql("SELECT count(*) AS n FROM users WHERE role = 'ADMIN' AND enabled AND id <> :id")
			.bind("id", leaving)
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.flatMap(others -> others > 0 ? Mono.empty()
					: Mono.error(new InvalidPostException("The blog needs at least one enabled admin.")));
	}

	private Mono<String> uniqueSlug(String slug) {
		return database.sql("SELECT slug FROM users WHERE slug = :slug OR slug LIKE :prefix")
			.bind("slug", slug)
			.bind("prefix", slug + "-%")
			.map((row, meta) -> row.get("slug", String.class))
			.all()
			.collectList()
			.map(taken -> {
				if (!taken.contains(slug)) {
					return slug;
				}
				int n = 2;
				while (taken.contains(slug + "-" + n)) {
					n++;
				}
				return slug + "-" + n;
			});
	}

	private String randomPassword() {
		byte[] bytes = new byte[15];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The current password given to change it was not the account's: a guess, to be counted like a failed sign-in. */
	public static class WrongPasswordException extends InvalidPostException {

		WrongPasswordException() {
			super("Your current password is not right.");
		}
	}

	/** {@code oneTimePassword} is set for invitations only: the one time it can be seen. */
	public record Created(StaffUser user, String oneTimePassword) {
	}

	/** No account with that id; the web layer answers 404. */
	public static class StaffNotFoundException extends RuntimeException {

		public StaffNotFoundException(long id) {
			super("No staff account " + id);
		}
	}
}
