package org.drugsandcrime.blog.admin.security;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.drugsandcrime.blog.core.user.TwoFactorAccounts;
import org.drugsandcrime.blog.core.user.TwoFactorAccounts.StoredSecret;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Before the portal takes its first request: seals the secrets still stored in plain text (from before sealing), and
 * refuses to start when the key cannot do its job, rather than lock staff out later. Without {@code BLOG_TOTP_KEY} the
 * portal starts only while no account has two-factor sign-in and admins need not use it (staff then cannot turn it
 * on, and a warning says so); with a key that opens none of the stored secrets it does not start at all.
 */
@Component
class TotpSecretsAtStart implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(TotpSecretsAtStart.class);

	private final TwoFactorAccounts accounts;

	private final TotpSecrets secrets;

	private final TwoFactorProperties properties;

	TotpSecretsAtStart(TwoFactorAccounts accounts, TotpSecrets secrets, TwoFactorProperties properties) {
		this.accounts = accounts;
		this.secrets = secrets;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<StoredSecret> stored = accounts.secrets().collectList().block(Duration.ofMinutes(1));
		if (!secrets.available()) {
			if (properties.requiredForAdmins()) {
				throw new IllegalStateException("Admins must use two-factor sign-in (BLOG_ADMIN_TWO_FACTOR_REQUIRED, "
						+ "blog.admin.two-factor.required-for-admins), which needs BLOG_TOTP_KEY (blog.admin.two-factor.key): "
						+ "set it to the Base64 of 32 random bytes (openssl rand -base64 32), or set BLOG_ADMIN_TWO_FACTOR_REQUIRED=false.");
			}
			if (!stored.isEmpty()) {
				throw new IllegalStateException(stored.size() + " staff accounts have two-factor sign-in on, but "
						+ "BLOG_TOTP_KEY (blog.admin.two-factor.key) is not set, so their secrets can be neither read nor "
						+ "protected. Set it to the Base64 of 32 random bytes (openssl rand -base64 32) and keep it outside the database.");
			}
			log.warn("BLOG_TOTP_KEY is not set: staff cannot turn on two-factor sign-in until it is.");
			return;
		}
		// Every sealed secret must open before any plain one is sealed: never seal with a key that is not the usual one.
		long unopened = stored.stream()
			.filter(secret -> TotpSecrets.isSealed(secret.secret()) && secrets.open(secret.id(), secret.secret()).isEmpty())
			.count();
		if (unopened > 0) {
			throw new IllegalStateException("BLOG_TOTP_KEY does not open the two-factor secrets of " + unopened + " of "
					+ stored.size() + " staff accounts: it is not the key they were sealed with.");
		}
		int sealed = 0;
		for (StoredSecret secret : stored) {
			if (!TotpSecrets.isSealed(secret.secret()) && Boolean.TRUE.equals(accounts
				.replaceSecret(secret.id(), secret.secret(), secrets.seal(secret.id(), secret.secret()))
				.block(Duration.ofMinutes(1)))) {
				sealed++;
			}
		}
		if (sealed > 0) {
			log.info("Sealed the plain-text two-factor secrets of {} staff accounts with BLOG_TOTP_KEY.", sealed);
		}
	}
}
