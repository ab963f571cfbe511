package org.drugsandcrime.blog.admin.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.drugsandcrime.blog.test.BlogTest;
import org.drugsandcrime.blog.test.ClockBackToNow;
import org.drugsandcrime.blog.test.HangReport;
import org.drugsandcrime.blog.test.TestDatabaseConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The admin portal on a real port against the test database, with a clock tests can move. Every test class of
 * this module uses exactly this annotation, so they all share one application context. Every test client comes
 * from 127.0.0.1, so the per-address sign-in limit is raised: the wrong passwords tests try on purpose, added
 * up, must not throttle the other tests' sign-ins (the per-account limit, which they test, stays as shipped); so is
 * the per-client limit of "Forgot password?" mails.
 * 127.0.0.1 is also the trusted reverse proxy: a test plays the proxy by sending {@code X-Forwarded-*} headers from
 * there, and a client reaching the portal directly by connecting from 127.0.0.2.
 * Admins need not use two-factor sign-in here, so the fixture admins reach every screen with their password alone
 * ({@code security.TwoFactorRequiredForAdminsTests} turns the rule on); the two-factor key is a fixed test key.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "blog.demo.content=false", "blog.media.dir=target/test-media", "blog.media.max-upload-size=10MB",
				"blog.wordpress.max-upload-size=3MB",
				"blog.admin.publishing.interval=1h", "blog.admin.login-throttle.per-address=1000",
				"blog.proxy.trusted=127.0.0.1", "blog.admin.two-factor.required-for-admins=false",
				"blog.admin.two-factor.key=" + PortalTest.TOTP_KEY, "blog.accounts.resets-per-client=1000" })
@AutoConfigureWebTestClient(timeout = BlogTest.RESPONSE_TIMEOUT)
@Import({ TestDatabaseConfiguration.class, PortalTestConfiguration.class })
@ExtendWith({ HangReport.class, ClockBackToNow.class })
public @interface PortalTest {

	/** The two-factor key of the portal under test: Base64 of 32 bytes, for tests only. */
	String TOTP_KEY = "dGVzdCBrZXkgZm9yIHRvdHAgc2VjcmV0cyAwMTIzNDU=";
}
