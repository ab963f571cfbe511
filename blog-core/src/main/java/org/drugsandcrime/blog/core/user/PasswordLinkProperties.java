package org.drugsandcrime.blog.core.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The single-use links by mail that let a member of staff set a password.
 *
 * @param resetValidity how long a "Forgot password?" link works (30 minutes)
 * @param invitationValidity how long an invitation's link works (7 days)
 * @param resetsPerAccount "Forgot password?" requests for one address within {@code resetWindow} that may send a
 * mail; further ones send nothing, so nobody can fill a colleague's inbox
 * @param resetsPerClient requests from one client address within {@code resetWindow} that may send a mail
 * @param resetWindow how far back requests count
 */
@ConfigurationProperties("blog.accounts")
public record PasswordLinkProperties(Duration resetValidity, Duration invitationValidity, Integer resetsPerAccount,
		Integer resetsPerClient, Duration resetWindow) {

	public PasswordLinkProperties {
		resetValidity = resetValidity == null ? Duration.ofMinutes(30) : resetValidity;
		invitationValidity = invitationValidity == null ? Duration.ofDays(7) : invitationValidity;
		resetsPerAccount = resetsPerAccount == null ? 3 : resetsPerAccount;
		resetsPerClient = resetsPerClient == null ? 10 : resetsPerClient;
		resetWindow = resetWindow == null ? Duration.ofHours(1) : resetWindow;
	}
}
