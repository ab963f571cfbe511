package org.drugsandcrime.blog.admin.security;

import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.TwoFactorAccounts;
import org.springframework.stereotype.Component;

/**
 * The second factor of a sign-in: the one-time code of an account that has two-factor sign-in, or one of its
 * recovery codes. The only place that decides whether a code opens an account; sign-in asks it after the password,
 * and so do the actions that change two-factor sign-in.
 *
 * <p>A code is spent by the asking: the step of an accepted one-time code is recorded (and with it every earlier
 * step), a recovery code is deleted, each by one conditional statement, so a code never opens an account twice,
 * not even for two sign-ins racing with it. Ask only once the password is known to be right.
 */
@Component
class SecondFactor {

	private static final Logger log = LoggerFactory.getLogger(SecondFactor.class);

	private final TotpCodes codes;

	private final TotpSecrets secrets;

	private final RecoveryCodes recoveryCodes;

	private final TwoFactorAccounts accounts;

	SecondFactor(TotpCodes codes, TotpSecrets secrets, RecoveryCodes recoveryCodes, TwoFactorAccounts accounts) {
		this.codes = codes;
		this.secrets = secrets;
		this.recoveryCodes = recoveryCodes;
		this.accounts = accounts;
	}

	/** What the code typed at sign-in ({@code null} when none was) says about this account. */
	Mono<Verdict> check(StaffUser user, String code) {
		String stored = user.totpSecret();
		if (stored == null) {
			return Mono.just(Verdict.NOT_ENROLLED);
		}
		if (code == null || code.isBlank()) {
			return Mono.just(Verdict.WRONG);
		}
		Optional<String> secret = secrets.open(user.id(), stored);
		if (secret.isEmpty()) {
			// Only another key (or a changed database) does this; TotpSecretsAtStart refuses to start with one.
			log.error("The two-factor secret of account {} does not open with this BLOG_TOTP_KEY", user.id());
			return Mono.just(Verdict.WRONG);
		}
		OptionalLong step = matchingStep(secret.get(), code);
		if (step.isPresent()) {
			// An old plain-text secret is sealed by the same statement that spends the code.
			String store = TotpSecrets.isSealed(stored) || !secrets.available() ? stored : secrets.seal(user.id(), secret.get());
			return accounts.acceptStep(user.id(), stored, store, step.getAsLong())
				.map(accepted -> accepted ? Verdict.ACCEPTED : Verdict.WRONG);
		}
		Optional<String> recovery = RecoveryCodes.normalise(code);
		if (recovery.isPresent() && secrets.available()) {
			return accounts.useRecoveryCode(user.id(), recoveryCodes.digest(user.id(), recovery.get()))
				.map(used -> used ? Verdict.RECOVERY_CODE_USED : Verdict.WRONG);
		}
		return Mono.just(Verdict.WRONG);
	}

	private OptionalLong matchingStep(String secret, String code) {
		try {
			return codes.matchingStep(secret, code);
		}
		catch (IllegalArgumentException ex) {
			log.error("A stored two-factor secret is not Base32");
			return OptionalLong.empty();
		}
	}

	enum Verdict {

		/** The account has no second factor: the password alone signs in. */
		NOT_ENROLLED,

		/** The current one-time code, not used before. */
		ACCEPTED,

		/** One of the account's recovery codes, now spent. */
		RECOVERY_CODE_USED,

		/** No code, a wrong one, or one already used: answered exactly like a wrong password. */
		WRONG;

		boolean signsIn() {
			return this != WRONG;
		}
	}
}
