package org.drugsandcrime.blog.core.user;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What the database keeps of each account's two-factor sign-in: the secret (as the portal hands it over, sealed),
 * the time step of the last code accepted, and the digests of the unused recovery codes. Secrets and codes are
 * opaque here; the portal seals, opens and digests them, with a key the database never sees.
 */
@Service
public class TwoFactorAccounts {

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	TwoFactorAccounts(DatabaseClient database, TransactionalOperator transaction, Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Records {@code step} as the account's last accepted code, if it is later than the one recorded and the stored
	 * secret is still {@code seen}; answers whether it was. One statement, so of two sign-ins racing with the same
	 * code exactly one gets {@code true}. {@code store} replaces the secret in the same statement (sealing an old
	 * plain-text one).
	 */
	public Mono<Boolean> acceptStep(long id, String seen, String store, long step) {
		return database.sql("""
				UPDATE users SET totp_last_step = :step, totp_secret = :store
				WHERE id = :id AND totp_secret = :seen AND (totp_last_step IS NULL OR totp_last_step < :step)
				RETURNING id
				""")
			.bind("step", step)
			.bind("store", store)
			.bind("id", id)
			.bind("seen", seen)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.hasElement();
	}

	/** Spends one recovery code: answers whether {@code digest} was an unused code of this account. */
	public Mono<Boolean> useRecoveryCode(long id, String digest) {
		return database.sql("""
				DELETE FROM staff_recovery_codes c USING users u
				WHERE c.user_id = :id AND c.digest = :digest AND u.id = c.user_id AND u.totp_secret IS NOT NULL
				RETURNING c.user_id
				""")
			.bind("id", id)
			.bind("digest", digest)
			.map((row, meta) -> row.get("user_id", Long.class))
			.one()
			.hasElement();
	}

	public Mono<Long> recoveryCodesLeft(long id) {
		return database.sql("SELECT count(*) AS n FROM staff_recovery_codes WHERE user_id = :id")
			.bind("id", id)
			.map((row, meta) -> row.get("n", Long.class))
			.one();
	}

	/**
	 * Turns two-factor sign-in on, or replaces it: the new secret, {@code step} (the code that proved it) as already
	 * used, and new recovery codes in place of any old ones, all in one transaction.
	 */
	public Mono<Void> enrol(long id, String secret, long step, List<String> recoveryDigests) {
		return database.sql("UPDATE users SET totp_secret = :secret, totp_last_step = :step WHERE id = :id")
			.bind("secret", secret)
			.bind("step", step)
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? storeRecoveryCodes(id, recoveryDigests)
					: Mono.error(new StaffAccounts.StaffNotFoundException(id)))
			.as(transaction::transactional);
	}

	/** New recovery codes in place of the old ones, for an account that has two-factor sign-in. */
	public Mono<Void> replaceRecoveryCodes(long id, List<String> recoveryDigests) {
		return storeRecoveryCodes(id, recoveryDigests).as(transaction::transactional);
	}

	public Mono<Void> turnOff(long id) {
		return database.sql("DELETE FROM staff_recovery_codes WHERE user_id = :id")
			.bind("id", id)
			.then()
			.then(database.sql("UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = :id")
				.bind("id", id)
				.then())
			.as(transaction::transactional);
	}

	/** Every stored secret, for the portal to seal old plain-text ones and check it can open the rest. */
	public Flux<StoredSecret> secrets() {
		return database.sql("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id")
			.map((row, meta) -> new StoredSecret(row.get("id", Long.class), row.get("totp_secret", String.class)))
			.all();
	}

	/** Replaces a secret with its sealed form, unless it changed meanwhile; answers whether it did. */
	public Mono<Boolean> replaceSecret(long id, String seen, String store) {
		return database.sql("UPDATE users SET totp_secret = :store WHERE id = :id AND totp_secret = :seen RETURNING id")
			.bind("store", store)
			.bind("id", id)
			.bind("seen", seen)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.hasElement();
	}

	private Mono<Void> storeRecoveryCodes(long id, List<String> digests) {
		Mono<Void> stored = database.sql("DELETE FROM staff_recovery_codes WHERE user_id = :id").bind("id", id).then();
		for (String digest : digests) {
			stored = stored.then(database.sql("INSERT INTO staff_recovery_codes (user_id, digest, created_at) VALUES (:id, :digest, :at)")
				.bind("id", id)
				.bind("digest", digest)
				.bind("at", clock.instant())
				.then());
		}
		return stored;
	}

	public record StoredSecret(long id, String secret) {
	}
}
