package org.drugsandcrime.blog.admin.security;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Https as the portal sees it: behind the trusted proxy (127.0.0.1 in tests) that says the browser came over https,
 * the session cookie is Secure and HSTS is sent; a client connecting directly cannot claim https by sending the
 * proxy's header. Every response denies the browser features no screen uses.
 */
@PortalTest
class TransportSecurityTests {

	static final String HSTS = "Strict-Transport-Security";

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Value("${local.server.port}")
	int port;

	@Test
	void throughTheTrustedProxyOverHttpsTheSessionCookieIsSecureAndHstsIsSent() {
		WebTestClient proxied = web.mutate().defaultHeader("X-Forwarded-Proto", "https")
			.defaultHeader("X-Forwarded-For", "198.51.100.7").build();

		proxied.get().uri("/login").exchange().expectStatus().isOk()
			.expectHeader().valueEquals(HSTS, "max-age=31536000 ; includeSubDomains");
		assertThat(signInCookie(proxied).isSecure()).isTrue();
	}

	@Test
	void overPlainHttpThereIsNoHstsAndTheCookieIsNotSecure() {
		web.get().uri("/login").exchange().expectStatus().isOk().expectHeader().doesNotExist(HSTS);
		assertThat(signInCookie(web).isSecure()).isFalse();
	}

	@Test
	void aClientConnectingDirectlyCannotClaimHttpsWithTheProxysHeader() {
		WebTestClient direct = WebTestClient.bindToServer(new ReactorClientHttpConnector(
				HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(java.time.Duration.parse(BlogTest.RESPONSE_TIMEOUT))
			.defaultHeader("X-Forwarded-Proto", "https")
			.defaultHeader("Forwarded", "proto=https")
			.build();

		direct.get().uri("/login").exchange().expectStatus().isOk().expectHeader().doesNotExist(HSTS);
		assertThat(signInCookie(direct).isSecure()).isFalse();
	}

	@Test
	void everyResponseDeniesDevicesAndPaymentsToThePage() {
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		for (String path : new String[] { "/login", "/", "/posts/new", "/account" }) {
			String policy = portal.get(path).returnResult(Void.class).getResponseHeaders().getFirst("Permissions-Policy");
			assertThat(policy).as(path).isNotNull();
			for (String feature : new String[] { "camera", "microphone", "geolocation", "payment", "usb" }) {
				assertThat(policy).as(path).contains(feature + "=()");
			}
		}
	}

	private ResponseCookie signInCookie(WebTestClient client) {
		StaffUser editor = staff.create(Role.EDITOR);
		ResponseCookie cookie = Portal.anonymous(client).submitLogin(editor.email(), StaffMembers.PASSWORD)
			.expectStatus().is3xxRedirection().expectHeader().location("/")
			.returnResult(Void.class).getResponseCookies().getFirst(Portal.SESSION_COOKIE);
		assertThat(cookie).isNotNull();
		return cookie;
	}
}
