package org.drugsandcrime.blog.core.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.mail.MailKind;
import org.drugsandcrime.blog.core.mail.Outbox;
import org.drugsandcrime.blog.core.mail.PasswordLinkTokens;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Single-use links by mail to set a password: "Forgot password?" on the login page, and invitations from
 * {@code /users}. Asking queues a mail in the outbox that names a link row; the token is drawn only as the mail is
 * written (see {@code Outbox}), and only its SHA-256 is kept. Opening the link reads it ({@link #find}); only setting
 * the password uses it up, once, in one {@code UPDATE … RETURNING}. A newer link of an account retires the older ones.
 */
@Service
public class PasswordLinks {

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Outbox outbox;

	private final PasswordPolicy policy;

	private final PasswordLinkProperties settings;

	PasswordLinks(DatabaseClient database, TransactionalOperator transaction, Clock clock, Outbox outbox,
			PasswordPolicy policy, PasswordLinkProperties settings) {
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
		this.outbox = outbox;
		this.policy = policy;
		this.settings = settings;
	}

	/** Queues the invitation of account {@code userId}: a link to choose a first password, working for days. */
	public Mono<Void> invite(long userId) {
		Instant now = clock.instant();
		return database.sql("""
				WITH retired AS (
				    UPDATE password_links SET expires_at = :now WHERE user_id = :user AND used_at IS NULL AND expires_at > :now),
				link AS (
				    INSERT INTO password_links (user_id, purpose, created_at, expires_at)
				    VALUES (:user, 'INVITATION', :now, :expires) RETURNING id, user_id)
				INSERT INTO mail_outbox (kind, recipient, user_id, password_link_id, status, next_attempt_at, created_at)
				SELECT 'INVITATION', u.email, u.id, link.id, 'PENDING', :now, :now FROM link JOIN users u ON u.id = link.user_id
				""")
			.bind("user", userId)
			.bind("now", now)
			.bind("expires", now.plus(settings.invitationValidity()))
			.fetch()
			.rowsUpdated()
			.doOnNext(queued -> outbox.nudge(MailKind.INVITATION))
			.then();
	}

	/**
	 * "Forgot password?" for {@code email}, asked from {@code client}. Whether or not an account has that address, the
	 * same single statement runs and the caller answers the same: the request is counted, and a link and its mail are
	 * queued only for an enabled account with a password, and only while neither the address nor the client has asked
	 * too often within the window (counted by a digest of the address, so unknown addresses are not kept readable).
	 */
	public Mono<Void> requestReset(String email, String client) {
		String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
		String digest = PasswordLinkTokens.digest(address);
		Instant now = clock.instant();
		// Requests for one address take turns, so that two at once cannot both pass the count.
		return database.sql("SELECT pg_advisory_xact_lock(79, hashtext(:digest))")
			.bind("digest", digest)
			.fetch()
			.rowsUpdated()
			.then(database.sql("""
					WITH purged AS (DELETE FROM password_reset_requests WHERE requested_at <= :since),
					recent AS (
					    SELECT count(*) FILTER (WHERE client = :client) AS by_client,
					           count(*) FILTER (WHERE email_digest = :digest) AS by_email
					    FROM password_reset_requests
					    WHERE requested_at > :since AND (client = :client OR email_digest = :digest)),
					asked AS (
					    INSERT INTO password_reset_requests (client, email_digest, requested_at) VALUES (:client, :digest, :now)),
					account AS (
					    SELECT u.id, u.email FROM users u, recent
					    WHERE lower(u.email) = :email AND u.enabled AND u.password_hash IS NOT NULL
					      AND recent.by_client < :perClient AND recent.by_email < :perAccount),
					retired AS (
					    UPDATE password_links l SET expires_at = :now FROM account
					    WHERE l.user_id = account.id AND l.purpose = 'RESET' AND l.used_at IS NULL AND l.expires_at > :now),
					link AS (
					    INSERT INTO password_links (user_id, purpose, created_at, expires_at)
					    SELECT id, 'RESET', :now, :expires FROM account RETURNING id, user_id)
					INSERT INTO mail_outbox (kind, recipient, user_id, password_link_id, status, next_attempt_at, created_at)
					SELECT 'PASSWORD_RESET', account.email, account.id, link.id, 'PENDING', :now, :now
					FROM link JOIN account ON account.id = link.user_id
					""")
				.bind("since", now.minus(settings.resetWindow()))
				.bind("client", client == null ? "unknown" : client)
				.bind("digest", digest)
				.bind("email", address)
				.bind("now", now)
				.bind("expires", now.plus(settings.resetValidity()))
				.bind("perClient", settings.resetsPerClient())
				.bind("perAccount", settings.resetsPerAccount())
				.fetch()
				.rowsUpdated())
			.as(transaction::transactional)
			.doOnNext(queued -> {
				if (queued > 0) {
					outbox.nudge(MailKind.PASSWORD_RESET);
				}
			})
			.then();
	}

	/** What the link with {@code token} is now; reading it changes nothing (mail scanners open links too). */
	public Mono<Link> find(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Mono.just(Link.UNKNOWN);
		}
		Instant now = clock.instant();
		return database.sql("""
				SELECT l.purpose, l.expires_at, l.used_at, u.id, u.email, u.display_name
				FROM password_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = :hash
				""")
			.bind("hash", PasswordLinkTokens.digest(token))
			.map((row, meta) -> {
				LinkState state = row.get("used_at", Instant.class) != null ? LinkState.USED
						: !row.get("expires_at", Instant.class).isAfter(now) ? LinkState.EXPIRED : LinkState.CURRENT;
				return new Link(state, "INVITATION".equals(row.get("purpose", String.class)), row.get("id", Long.class),
						row.get("email", String.class), row.get("display_name", String.class));
			})
			.one()
			.defaultIfEmpty(Link.UNKNOWN);
	}

	/**
	 * Sets the password of the link's account and uses the link up: the password must meet {@link PasswordPolicy}
	 * ({@link org.drugsandcrime.blog.core.post.InvalidPostException} otherwise, and the link still works), and the
	 * link must still be unused and current ({@link LinkNotUsableException}). Of two uses at once, one wins. The
	 * account's other links stop working; its sessions end, since they were signed in with another password.
	 */
	public Mono<Long> setPassword(String token, String password) {
		return find(token).flatMap(link -> {
			if (link.state() != LinkState.CURRENT) {
				return Mono.error(new LinkNotUsableException(link.state()));
			}
			policy.check(password, link.email());
			return Mono.fromCallable(() -> PasswordHashing.encoder().encode(password))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(hash -> {
					Instant now = clock.instant();
					return database.sql("""
							UPDATE password_links SET used_at = :now
							WHERE token_hash = :token AND used_at IS NULL AND expires_at > :now RETURNING user_id
							""")
						.bind("now", now)
						.bind("token", PasswordLinkTokens.digest(token))
						.map((row, meta) -> row.get("user_id", Long.class))
						.one()
						.switchIfEmpty(Mono.error(() -> new LinkNotUsableException(LinkState.USED)))
						.flatMap(userId -> database.sql("""
								WITH others AS (
								    UPDATE password_links SET expires_at = :now
								    WHERE user_id = :user AND used_at IS NULL AND expires_at > :now)
								UPDATE users SET password_hash = :hash, password_must_change = false WHERE id = :user
								""")
							.bind("now", now)
							.bind("user", userId)
							.bind("hash", hash)
							.fetch()
							.rowsUpdated()
							.thenReturn(userId))
						.as(transaction::transactional);
				});
		});
	}

	/** Whether a link works now, was used, ran out, or never existed. */
	public enum LinkState {
		CURRENT, USED, EXPIRED, UNKNOWN
	}

	/** A link as found: for {@link LinkState#CURRENT} links, whose account it sets the password of. */
	public record Link(LinkState state, boolean invitation, Long userId, String email, String displayName) {

		static final Link UNKNOWN = new Link(LinkState.UNKNOWN, false, null, null, null);
	}

	/** The link was used already, ran out, or never existed; {@code state} says which. */
	public static class LinkNotUsableException extends RuntimeException {

		private final LinkState state;

		public LinkNotUsableException(LinkState state) {
			super("The password link is " + state.name().toLowerCase(Locale.ROOT));
			this.state = state;
		}

		public LinkState state() {
			return state;
		}
	}
}
