package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.e2e.LoopbackClient.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged portal behind Debian's nginx on loopback, nginx playing the TLS-terminating proxy
 * ({@code X-Forwarded-Proto: https}, {@code X-Forwarded-For} from {@code $proxy_add_x_forwarded_for}) and named in
 * {@code BLOG_TRUSTED_PROXIES}: the session cookie is Secure and HSTS is sent, the sign-in throttle counts each
 * browser behind it (bound to 127.0.0.2, 127.0.0.3, ...) on its own, and a browser cannot talk its way out with a
 * forwarded header of its own. Reached directly, the same headers earn nothing. And the portal, started with no
 * address set, listens on loopback only.
 */
class BehindNginxTests {

	static final String EMAIL = "proxied-admin@example.org";

	static final String PASSWORD = "a password behind nginx";

	static final String SESSION = "BLOG_ADMIN_SESSION";

	static BlogProcess admin;

	static Nginx nginx;

	@BeforeAll
	static void start() {
		// A missing nginx fails the run rather than skipping: a skipped proxy test would prove nothing.
		assertThat(Nginx.binary()).as("nginx is not installed: .ci/run installs Debian's nginx-light "
				+ "(apt-get install nginx-light) for this test").isPresent();
		// The wait after five failures is a minute here, so the test never races a one-second wait.
		admin = BlogProcess.admin(Map.of("BLOG_TRUSTED_PROXIES", "127.0.0.1", "BLOG_ADMIN_EMAIL", EMAIL,
				"BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_ADMIN_LOGINTHROTTLE_FIRSTDELAY", "60s"));
		nginx = Nginx.inFrontOf(admin);
		PortalToSiteTests.eventually(() -> PortalClient.accountExists(EMAIL));
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.close();
		}
		if (admin != null) {
			admin.close();
		}
	}

	@Test
	void behindNginxOverHttpsTheSessionCookieIsSecureAndHstsIsSent() {
		LoopbackClient browser = new LoopbackClient("127.0.0.4");

		Answer login = browser.get(nginx.port(), "/login");
		assertThat(login.status()).as(nginx.log()).isEqualTo(200);
		assertThat(login.headers("Strict-Transport-Security")).containsExactly("max-age=31536000 ; includeSubDomains");

		Answer signedIn = browser.signIn(nginx.port(), EMAIL, PASSWORD);
		assertThat(signedIn.location()).as("signed in").isNotEmpty().doesNotContain("/login");
		assertThat(signedIn.setCookie(SESSION)).containsIgnoringCase("HttpOnly").containsIgnoringCase("; Secure");
	}

	@Test
	void reachedDirectlyTheProxysHeadersEarnNeitherASecureCookieNorHsts() {
		LoopbackClient browser = new LoopbackClient("127.0.0.5");

		Answer login = browser.get(admin.port(), "/login", "X-Forwarded-Proto: https", "Forwarded: proto=https");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.headers("Strict-Transport-Security")).isEmpty();

		Answer signedIn = browser.signIn(admin.port(), EMAIL, PASSWORD, "X-Forwarded-Proto: https");
		assertThat(signedIn.location()).as("signed in").isNotEmpty().doesNotContain("/login");
		assertThat(signedIn.setCookie(SESSION)).isNotEmpty().doesNotContainIgnoringCase("secure");
	}

	@Test
	void oneBrowsersFailedSignInsBehindNginxNeitherDelayAnotherNorWashOffWithAForgedForwardedFor() {
		LoopbackClient guesser = new LoopbackClient("127.0.0.2");
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(guesser.signIn(nginx.port(), EMAIL, "wrong guess " + attempt).location()).endsWith("/login?done=failed");
		}
		assertThat(guesser.signIn(nginx.port(), EMAIL, PASSWORD).location()).as("the guesser now waits")
			.endsWith("/login?done=throttled");
		for (String forged : new String[] { "127.0.0.3", "198.51.100.7", "127.0.0.1", "unknown" }) {
			assertThat(guesser.signIn(nginx.port(), EMAIL, PASSWORD, "X-Forwarded-For: " + forged).location())
				.as("forged X-Forwarded-For: " + forged).endsWith("/login?done=throttled");
		}
		assertThat(guesser.signIn(nginx.port(), EMAIL, PASSWORD, "Forwarded: for=127.0.0.3").location())
			.as("forged Forwarded").endsWith("/login?done=throttled");

		Answer owner = new LoopbackClient("127.0.0.3").signIn(nginx.port(), EMAIL, PASSWORD);
		assertThat(owner.location()).as("the other browser behind the same nginx signs in at once")
			.isNotEmpty().doesNotContain("/login");
	}

	@Test
	void thePortalStartedWithNoAddressSetListensOnLoopbackOnly() throws IOException {
		Optional<InetAddress> own = nonLoopbackAddress();
		assumeTrue(own.isPresent(), "this machine has no address but loopback");

		try (Socket local = new Socket()) {
			local.connect(new InetSocketAddress("127.0.0.1", admin.port()), 2_000);
		}
		assertThatExceptionOfType(ConnectException.class).as(own.get() + ":" + admin.port()).isThrownBy(() -> {
			try (Socket outside = new Socket()) {
				outside.connect(new InetSocketAddress(own.get(), admin.port()), 2_000);
			}
		});
	}

	/** An IPv4 address of this machine on an interface that is up and is not loopback (what {@code hostname -I} lists). */
	static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (face.isUp() && !face.isLoopback()) {
				for (InetAddress address : Collections.list(face.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
						return Optional.of(address);
					}
				}
			}
		}
		return Optional.empty();
	}
}
