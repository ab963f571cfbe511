package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.stereotype.Component;

/**
 * The second factor of a sign-in: the one-time code of an account that has two-factor sign-in, or one of its
 * recovery codes. The only place that decides whether a code opens an account; sign-in asks it after the password.
 */
@Component
class SecondFactor {

	private final TotpCodes codes;

	SecondFactor(TotpCodes codes) {
		this.codes = codes;
	}

	/** What the code typed at sign-in ({@code null} when none was) says about this account. */
	Mono<Verdict> check(StaffUser user, String code) {
		if (user.totpSecret() == null) {
			return Mono.just(Verdict.NOT_ENROLLED);
		}
		return Mono.just(codes.matches(user.totpSecret(), code) ? Verdict.ACCEPTED : Verdict.WRONG);
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
