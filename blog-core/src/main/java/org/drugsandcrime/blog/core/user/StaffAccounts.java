package org.drugsandcrime.blog.core.user;

import java.time.Clock;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.render.Slugs;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Staff accounts as admins manage them: created with a password of the admin's choosing (to be changed at the first
 * sign-in) or invited by mail with a link to choose one, given another role, disabled. The blog always keeps one
 * enabled admin. Each member of staff keeps their own public profile (shown with their posts) and password, which
 * meets {@link PasswordPolicy} wherever it is set.
 */
@Service
public class StaffAccounts {

	public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;

	/**
	 * The longest password ever compared with a hash (the current one, given to change it): new passwords are at most
	 * {@link PasswordPolicy#MAX_LENGTH}, but accounts from before that rule may have longer ones.
	 */
	public static final int MAX_PASSWORD_LENGTH = 256;

	public static final int MAX_BIO_LENGTH = 2000;

	private static final String DISPLAY_NAME_RULE = "A name of at most 100 characters is needed.";

	/** Twitter's (X's) own rule for a user name. */
	private static final java.util.regex.Pattern TWITTER_HANDLE = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,15}");

	private final StaffUserRepository users;

	private final DatabaseClient database;

	private final Clock clock;

	private final ContentChanges changes;

	private final PasswordPolicy policy;

	private final PasswordLinks links;

	private final ForcedPasswordChange forced;

	private final TransactionalOperator transaction;

	StaffAccounts(StaffUserRepository users, DatabaseClient database, Clock clock, ContentChanges changes,
			PasswordPolicy policy, PasswordLinks links, ForcedPasswordChange forced, TransactionalOperator transaction) {
		this.users = users;
		this.database = database;
		this.clock = clock;
		this.changes = changes;
		this.policy = policy;
		this.links = links;
		this.forced = forced;
		this.transaction = transaction;
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
	 * A new account. With a {@code password} (which meets {@link PasswordPolicy}) it can sign in at once and must choose
	 * its own password then, since the admin knows this one. With a blank one it is an invitation: the account has no
	 * password, and a mail with a link to choose one is queued with it.
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
		if (!invited) {
			policy.check(password, cleanEmail);
		}
		Mono<String> hash = invited ? Mono.just("")
				: Mono.fromCallable(() -> PasswordHashing.encoder().encode(password)).subscribeOn(Schedulers.boundedElastic());
		return users.findByEmail(cleanEmail)
			.flatMap(existing -> Mono.<Created>error(new InvalidPostException("There is already an account for " + cleanEmail + ".")))
			.switchIfEmpty(Mono.defer(() -> hash
				.zipWith(uniqueSlug(Slugs.fromTitle(name, "staff")))
				.flatMap(hashAndSlug -> users.save(new StaffUser(null, cleanEmail, name, hashAndSlug.getT2(), "", null, role,
						invited ? null : hashAndSlug.getT1(), null, true, clock.instant())))
				.flatMap(user -> (invited ? links.invite(user.id()) : forced.require(user.id()))
					.thenReturn(new Created(user, invited)))
				.as(transaction::transactional)));
	}

	/**
	 * Invites an account that has no password yet, such as a writer brought over from WordPress or someone whose
	 * invitation ran out: it is enabled, and a mail with a link to choose a password is queued (an earlier link stops
	 * working). An account that has a password keeps it (its owner can reset it from the login page).
	 */
	public Mono<Created> invite(long id) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> user.passwordHash() != null
					? Mono.<Created>error(new InvalidPostException(user.email() + " already has a password; they sign in with it."))
					: users.save(user.withEnabled(true))
						.flatMap(invited -> links.invite(invited.id()).thenReturn(new Created(invited, true)))
						.as(transaction::transactional));
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

	/**
	 * A new password for the account, given its current one: it meets {@link PasswordPolicy} and differs from the
	 * current one (a password someone else chose must really be replaced). Hashing and checking run off the event loop.
	 * The account no longer has to change its password at sign-in.
	 */
	public Mono<StaffUser> changePassword(long id, String current, String next) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> Mono.fromCallable(() -> {
				if (current == null || current.length() > MAX_PASSWORD_LENGTH || user.passwordHash() == null
						|| !PasswordHashing.encoder().matches(current, user.passwordHash())) {
					throw new WrongPasswordException();
				}
				policy.check(next, user.email());
				if (next.equals(current)) {
					throw new InvalidPostException("Choose a new password, not the one you have now.");
				}
				return PasswordHashing.encoder().encode(next);
			}).subscribeOn(Schedulers.boundedElastic())
				.flatMap(hash -> users.save(user.withPasswordHash(hash)))
				.flatMap(saved -> forced.done(saved.id()).thenReturn(saved)));
	}

	/**
	 * The password of the member of staff's own choosing that replaces one someone else chose, at the first sign-in
	 * after it ({@link ForcedPasswordChange}): the session has just proved the given one, so it is not asked again.
	 * The new one meets {@link PasswordPolicy} and differs from the given one. Refused once the account has its own.
	 */
	public Mono<StaffUser> replaceGivenPassword(long id, String next) {
		return users.findById(id)
			.switchIfEmpty(Mono.error(new StaffNotFoundException(id)))
			.flatMap(user -> forced.isDue(user.email())
				.flatMap(due -> !due ? Mono.<StaffUser>error(new InvalidPostException(
						"Your password is your own already; change it on your account page."))
						: Mono.fromCallable(() -> {
							policy.check(next, user.email());
							if (user.passwordHash() != null && PasswordHashing.encoder().matches(next, user.passwordHash())) {
								throw new InvalidPostException("Choose a new password, not the one you were given.");
							}
							return PasswordHashing.encoder().encode(next);
						}).subscribeOn(Schedulers.boundedElastic())
							.flatMap(hash -> users.save(user.withPasswordHash(hash)))
							.flatMap(saved -> forced.done(saved.id()).thenReturn(saved))));
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

	/** The current password given to change it was not the account's: a guess, to be counted like a failed sign-in. */
	public static class WrongPasswordException extends InvalidPostException {

		WrongPasswordException() {
			super("Your current password is not right.");
		}
	}

	/** {@code invited}: the account has no password yet, and a mail with a link to choose one is on its way. */
	public record Created(StaffUser user, boolean invited) {
	}

	/** No account with that id; the web layer answers 404. */
	public static class StaffNotFoundException extends RuntimeException {

		public StaffNotFoundException(long id) {
			super("No staff account " + id);
		}
	}
}
